package dev.hetplace.backends.exec;

import dev.hetplace.backends.cpu.ActivationKernel;
import dev.hetplace.backends.cpu.Conv2dKernel;
import dev.hetplace.backends.cpu.DenseKernel;
import dev.hetplace.backends.cpu.EltwiseKernel;
import dev.hetplace.backends.cpu.FloatRounding;
import dev.hetplace.backends.cpu.FloatTensor;
import dev.hetplace.backends.cpu.Int8Tensor;
import dev.hetplace.backends.cpu.LayoutKernel;
import dev.hetplace.backends.cpu.MatMulKernel;
import dev.hetplace.backends.cpu.NormKernel;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.cpu.PoolKernel;
import dev.hetplace.backends.cpu.Shape;
import dev.hetplace.backends.quant.QuantParams;
import dev.hetplace.backends.quant.Requantize;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Concat;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.op.Embedding;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.LayerNorm;
import dev.hetplace.ir.op.MatMul;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.Reshape;
import dev.hetplace.ir.op.Softmax;
import dev.hetplace.ir.op.Transpose;
import dev.hetplace.ir.op.Upsample;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one layer on the CPU kernels, in a float precision or in int8, with the model's weights. Float
 * precisions other than fp32 are emulated: weights and every layer result are rounded to the format (inputs
 * are rounded where they enter, by the executor); accumulation stays fp32. In int8, conv / dense / matmul /
 * add / sub / mul / pooling / ReLU-family / concat and data movement are integer kernels; the layers TVM leaves
 * in float (batch norm, layer norm, softmax, div, constant operands, embedding) dequantize their int8 inputs,
 * compute in fp32 and quantize the result at the layer's calibrated scale. Quantized and rounded weights are
 * cached per layer.
 */
public final class LayerKernels {
    private final ModelWeights weights;
    private final ActivationScales scales;
    private final Parallel par;
    private final Map<String, float[]> rounded = new ConcurrentHashMap<>();
    private final Map<String, QuantizedWeight> quantized = new ConcurrentHashMap<>();

    /** int8 weights of a layer with their scale, and the bias as int32 at one accumulator scale (null: none). */
    public record QuantizedWeight(byte[] weight, int weightLog2, int[] bias) {
    }

    public LayerKernels(ModelWeights weights, ActivationScales scales, Parallel par) {
        this.weights = weights;
        this.scales = scales;
        this.par = par;
    }

    public ModelWeights weights() {
        return weights;
    }

    public ActivationScales scales() {
        return scales;
    }

    /** One layer in a float precision; inputs are expected already rounded to {@code p}. */
    public FloatTensor runFloat(Layer l, List<FloatTensor> in, Precision p) {
        if (p == Precision.INT8) {
            throw new IllegalArgumentException("runFloat called with int8 for layer '" + l.name() + "'");
        }
        FloatTensor out = floatKernel(l, in, p);
        if (p != Precision.FP32) {
            boolean aliased = in.stream().anyMatch(t -> t.data() == out.data());
            float[] r = aliased ? out.data().clone() : out.data();
            FloatRounding.roundInPlace(p, r);
            return new FloatTensor(out.shape(), r);
        }
        return out;
    }

    private FloatTensor floatKernel(Layer l, List<FloatTensor> in, Precision p) {
        var op = l.op();
        if (op instanceof Conv2d c) {
            return Conv2dKernel.fp32(c, in.get(0), param(l, "weight", p), c.bias() ? param(l, "bias", p) : null, par);
        } else if (op instanceof Dense d) {
            return DenseKernel.fp32(in.get(0), d.units(), param(l, "weight", p), d.bias() ? param(l, "bias", p) : null,
                    par);
        } else if (op instanceof MatMul m) {
            return MatMulKernel.fp32(in.get(0), in.get(1), m.transA(), m.transB(), par);
        } else if (op instanceof Pool pool) {
            return PoolKernel.fp32(pool, in.get(0), par);
        } else if (op instanceof GlobalPool g) {
            return PoolKernel.globalFp32(g, in.get(0));
        } else if (op instanceof Eltwise e) {
            FloatTensor second = e.hasConstant()
                    ? new FloatTensor(Shape.of(e.constantShape()), param(l, "constant", p)) : in.get(1);
            return EltwiseKernel.fp32(e.kind(), in.get(0), second);
        } else if (op instanceof Activation a) {
            return ActivationKernel.fp32(a, in.get(0));
        } else if (op instanceof BatchNorm bn) {
            return NormKernel.batchNorm(in.get(0), param(l, "scale", p), param(l, "bias", p), param(l, "mean", p),
                    param(l, "var", p), bn.epsilon());
        } else if (op instanceof LayerNorm ln) {
            return NormKernel.layerNorm(in.get(0), param(l, "scale", p), param(l, "bias", p), ln.epsilon());
        } else if (op instanceof Softmax s) {
            return NormKernel.softmax(in.get(0), s.axis());
        } else if (op instanceof Concat c) {
            return LayoutKernel.concat(in, c.axis());
        } else if (op instanceof Reshape || op instanceof Flatten) {
            return in.get(0).reshape(Shape.of(l.output()));
        } else if (op instanceof Transpose t) {
            return LayoutKernel.transpose(in.get(0), t.perm());
        } else if (op instanceof Upsample u) {
            requireNearest(l, u);
            return LayoutKernel.upsampleNearest(in.get(0), u.scaleH(), u.scaleW());
        } else if (op instanceof Embedding e) {
            return LayoutKernel.embedding(in.get(0), param(l, "weight", p), e.vocab(), e.dim(), l.name());
        } else if (op instanceof Opaque) {
            throw opaque(l);
        }
        throw new UnsupportedLayerException("layer '" + l.name() + "' (" + l.ref() + ", " + l.opName()
                + ") is not computed by a kernel");
    }

    /** One layer in int8; the result has the layer's calibrated scale. */
    public Int8Tensor runInt8(Layer l, List<Int8Tensor> in) {
        int outLog2 = scales.log2(l.id());
        var op = l.op();
        if (op instanceof Conv2d c) {
            QuantizedWeight w = quantized(l, in.get(0).scaleLog2(), c.bias());
            return Conv2dKernel.int8(c, in.get(0), w.weight(), w.bias(),
                    new QuantParams(in.get(0).scaleLog2(), w.weightLog2(), outLog2), par);
        } else if (op instanceof Dense d) {
            QuantizedWeight w = quantized(l, in.get(0).scaleLog2(), d.bias());
            return DenseKernel.int8(in.get(0), d.units(), w.weight(), w.bias(),
                    new QuantParams(in.get(0).scaleLog2(), w.weightLog2(), outLog2), par);
        } else if (op instanceof MatMul m) {
            return MatMulKernel.int8(in.get(0), in.get(1), m.transA(), m.transB(),
                    new QuantParams(in.get(0).scaleLog2(), in.get(1).scaleLog2(), outLog2), par);
        } else if (op instanceof Pool pool) {
            return PoolKernel.int8(pool, in.get(0), outLog2, par);
        } else if (op instanceof GlobalPool g) {
            return PoolKernel.globalInt8(g, in.get(0), outLog2);
        } else if (op instanceof Eltwise e && !e.hasConstant() && e.kind() != EltwiseKind.DIV) {
            return EltwiseKernel.int8(e.kind(), in.get(0), in.get(1), outLog2);
        } else if (op instanceof Activation a) {
            return ActivationKernel.int8(a, in.get(0), outLog2);
        } else if (op instanceof Concat c) {
            return LayoutKernel.concatInt8(in, c.axis(), outLog2);
        } else if (op instanceof Reshape || op instanceof Flatten) {
            return rescaled(in.get(0).reshape(Shape.of(l.output())), outLog2);
        } else if (op instanceof Transpose t) {
            return rescaled(LayoutKernel.transpose(in.get(0), t.perm()), outLog2);
        } else if (op instanceof Upsample u) {
            requireNearest(l, u);
            return rescaled(LayoutKernel.upsampleNearest(in.get(0), u.scaleH(), u.scaleW()), outLog2);
        } else if (op instanceof Opaque) {
            throw opaque(l);
        }
        List<FloatTensor> real = in.stream().map(Int8Tensor::dequantize).toList();
        return Int8Tensor.quantize(runFloat(l, real, Precision.FP32), outLog2);
    }

    private static Int8Tensor rescaled(Int8Tensor t, int outLog2) {
        return t.scaleLog2() == outLog2 ? t : new Int8Tensor(t.shape(), LayoutKernel.rescale(t, outLog2), outLog2);
    }

    private static void requireNearest(Layer l, Upsample u) {
        if (!"nearest".equals(u.mode())) {
            throw new UnsupportedLayerException("layer '" + l.name() + "' (" + l.ref() + ") upsamples with mode '"
                    + u.mode() + "'; only nearest has a kernel");
        }
    }

    static UnsupportedLayerException opaque(Layer l) {
        return new UnsupportedLayerException("layer '" + l.name() + "' (" + l.ref() + ") is op '"
                + ((Opaque) l.op()).opType() + "', which hetplace does not model and cannot execute");
    }

    private float[] param(Layer l, String name, Precision p) {
        float[] w = weights.require(l, name);
        if (p == Precision.FP32) {
            return w;
        }
        return rounded.computeIfAbsent(l.name() + "/" + name + "/" + p.id(), k -> {
            float[] r = w.clone();
            FloatRounding.roundInPlace(p, r);
            return r;
        });
    }

    /**
     * The int8 weight and int32 bias a conv / dense layer computes with when its input has scale
     * {@code 2^inputLog2}: what {@link #runInt8} uses, for other executors of the same arithmetic (VTA).
     */
    public QuantizedWeight quantizedWeight(Layer l, int inputLog2) {
        boolean bias = l.op() instanceof Conv2d c ? c.bias() : l.op() instanceof Dense d && d.bias();
        return quantized(l, inputLog2, bias);
    }

    /** Weight at its power-of-two scale from max |w|; bias at the accumulator scale of this input scale. */
    private QuantizedWeight quantized(Layer l, int inputLog2, boolean hasBias) {
        return quantized.computeIfAbsent(l.name() + "@" + inputLog2, k -> {
            float[] w = weights.require(l, "weight");
            double max = 0;
            for (float v : w) {
                max = Math.max(max, Math.abs(v));
            }
            int wLog2 = Requantize.log2ForRange(max);
            byte[] q = new byte[w.length];
            for (int i = 0; i < w.length; i++) {
                q[i] = Requantize.quantize(w[i], wLog2);
            }
            int[] bias = null;
            if (hasBias) {
                float[] b = weights.require(l, "bias");
                bias = new int[b.length];
                for (int i = 0; i < b.length; i++) {
                    bias[i] = Requantize.quantizeBias(b[i], inputLog2 + wLog2);
                }
            }
            return new QuantizedWeight(q, wLog2, bias);
        });
    }
}
