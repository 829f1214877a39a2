package dev.hetplace.planner.onnx;

import static dev.hetplace.planner.onnx.Attributes.integer;
import static dev.hetplace.planner.onnx.Attributes.ints;
import static dev.hetplace.planner.onnx.Attributes.real;
import static dev.hetplace.planner.onnx.Attributes.text;

import com.google.protobuf.ByteString;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.ModelWeights;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Concat;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.Embedding;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.LayerNorm;
import dev.hetplace.ir.op.MatMul;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.op.Padding;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.op.Reshape;
import dev.hetplace.ir.op.Softmax;
import dev.hetplace.ir.op.Transpose;
import dev.hetplace.ir.op.Upsample;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.SettingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one layer as ONNX nodes computing in element type {@code type} (fp32, fp16 or bf16), with the layer's
 * parameters as initializers of that type. In an int8 group, a conv or dense whose input is quantized takes its
 * weight through a DequantizeLinear (int8 per output channel) and its bias through one (int32 at
 * {@code s_in * s_w}); {@code inputScale} is that input's scale, 0 when the input is not quantized.
 */
final class LayerEmitter {
    private final Graph graph;
    private final ModelWeights weights;
    private final GraphAssembly out;
    private final Map<Integer, StoredWeight> prepared = new HashMap<>();

    LayerEmitter(Graph graph, ModelWeights weights, GraphAssembly out) {
        this.graph = graph;
        this.weights = weights;
        this.out = out;
    }

    /** Emits {@code l} reading {@code in}; returns the name of its output value (a fresh name from the layer's). */
    String emit(Layer l, List<String> in, int type, boolean quantizedWeights, float inputScale, NodeTag tag) {
        String y = out.fresh(l.name());
        List<Integer> shape = l.output().shape();
        var op = l.op();
        String n = l.name();
        if (op instanceof Conv2d c) {
            List<String> ins = new ArrayList<>(List.of(in.get(0)));
            ins.addAll(weightAndBias(l, c.outChannels(), c.bias(), type, quantizedWeights, inputScale, tag, false));
            Padding p = c.padding();
            return out.node("Conv", n, ins, y, type, shape, tag,
                    ints("kernel_shape", List.of(c.kernelH(), c.kernelW())),
                    ints("strides", List.of(c.strideH(), c.strideW())),
                    ints("dilations", List.of(c.dilationH(), c.dilationW())),
                    ints("pads", List.of(p.top(), p.left(), p.bottom(), p.right())), integer("group", c.groups()));
        } else if (op instanceof Dense d) {
            return dense(l, d, in.get(0), y, type, quantizedWeights, inputScale, tag);
        } else if (op instanceof MatMul m) {
            String a = m.transA() ? transposeLast(l, in.get(0), type, tag) : in.get(0);
            String b = m.transB() ? transposeLast(l, in.get(1), type, tag) : in.get(1);
            return out.node("MatMul", n, List.of(a, b), y, type, shape, tag);
        } else if (op instanceof Pool p) {
            Padding pad = p.padding();
            List<ai.onnx.proto.OnnxMl.AttributeProto> at = new ArrayList<>(List.of(
                    ints("kernel_shape", List.of(p.kernelH(), p.kernelW())),
                    ints("strides", List.of(p.strideH(), p.strideW())),
                    ints("pads", List.of(pad.top(), pad.left(), pad.bottom(), pad.right())),
                    integer("ceil_mode", p.ceilMode() ? 1 : 0)));
            if (p.kind() == PoolKind.AVG) {
                at.add(integer("count_include_pad", p.countIncludePad() ? 1 : 0));
            }
            return out.node(p.kind() == PoolKind.MAX ? "MaxPool" : "AveragePool", n, in, y, type, shape, tag,
                    at.toArray(new ai.onnx.proto.OnnxMl.AttributeProto[0]));
        } else if (op instanceof GlobalPool g) {
            return out.node(g.kind() == PoolKind.MAX ? "GlobalMaxPool" : "GlobalAveragePool", n, in, y, type, shape,
                    tag);
        } else if (op instanceof Eltwise e) {
            String second = e.hasConstant()
                    ? out.initializer(OnnxTensors.floats(n + ".constant", e.constantShape(),
                    weights.require(l, "constant"), type)) : in.get(1);
            String opType = switch (e.kind()) {
                case ADD -> "Add";
                case SUB -> "Sub";
                case MUL -> "Mul";
                case DIV -> "Div";
            };
            return out.node(opType, n, List.of(in.get(0), second), y, type, shape, tag);
        } else if (op instanceof Activation a) {
            return activation(l, a, in.get(0), y, type, tag);
        } else if (op instanceof BatchNorm bn) {
            List<String> ins = new ArrayList<>(List.of(in.get(0)));
            for (String p : List.of("scale", "bias", "mean", "var")) {
                float[] v = weights.require(l, p);
                ins.add(out.initializer(OnnxTensors.floats(n + "." + p, List.of(v.length), v, type)));
            }
            return out.node("BatchNormalization", n, ins, y, type, shape, tag, real("epsilon", bn.epsilon()));
        } else if (op instanceof LayerNorm ln) {
            List<String> ins = new ArrayList<>(List.of(in.get(0)));
            for (String p : List.of("scale", "bias")) {
                float[] v = weights.require(l, p);
                ins.add(out.initializer(OnnxTensors.floats(n + "." + p, List.of(v.length), v, type)));
            }
            return out.node("LayerNormalization", n, ins, y, type, shape, tag, integer("axis", -1),
                    real("epsilon", ln.epsilon()));
        } else if (op instanceof Softmax s) {
            return out.node("Softmax", n, in, y, type, shape, tag, integer("axis", s.axis()));
        } else if (op instanceof Concat c) {
            return out.node("Concat", n, in, y, type, shape, tag, integer("axis", c.axis()));
        } else if (op instanceof Reshape || op instanceof Flatten) {
            long[] dims = shape.stream().mapToLong(Integer::longValue).toArray();
            String s = out.initializer(OnnxTensors.int64(n + ".shape", List.of(dims.length), dims));
            return out.node("Reshape", n, List.of(in.get(0), s), y, type, shape, tag);
        } else if (op instanceof Transpose t) {
            return out.node("Transpose", n, in, y, type, shape, tag, ints("perm", t.perm()));
        } else if (op instanceof Upsample u) {
            if (!"nearest".equals(u.mode())) {
                throw new IllegalArgumentException("layer '" + n + "' (" + l.ref() + ") upsamples with mode '"
                        + u.mode() + "', which the export does not write (nearest only)");
            }
            String scales = out.initializer(OnnxTensors.floats(n + ".scales", List.of(4),
                    new float[] {1, 1, u.scaleH(), u.scaleW()}, OnnxTensors.FLOAT));
            return out.node("Resize", n, List.of(in.get(0), "", scales), y, type, shape, tag, text("mode", "nearest"),
                    text("coordinate_transformation_mode", "asymmetric"), text("nearest_mode", "floor"));
        } else if (op instanceof Embedding e) {
            float[] w = weights.require(l, "weight");
            String table = out.initializer(OnnxTensors.floats(n + ".weight", List.of(e.vocab(), e.dim()), w, type));
            String ids = in.get(0);
            if (out.value(ids).type() != OnnxTensors.INT64) {
                ids = out.node("Cast", n + "/ids", List.of(ids), out.fresh(n + "/ids"), OnnxTensors.INT64,
                        out.value(ids).shape(), tag, integer("to", OnnxTensors.INT64));
            }
            return out.node("Gather", n, List.of(table, ids), y, type, shape, tag, integer("axis", 0));
        } else if (op instanceof Opaque o) {
            throw new SettingException(w -> "layer '" + n + "' (" + l.ref() + ") is op '" + o.opType()
                    + "', which hetplace does not model; " + w.name(Setting.EXPORT) + " onnx cannot write it");
        }
        throw new IllegalArgumentException("layer '" + n + "' (" + l.ref() + ", " + l.opName()
                + ") has no ONNX form in the export");
    }

    private String dense(Layer l, Dense d, String x, String y, int type, boolean quantized, float inputScale,
                         NodeTag tag) {
        int inFeatures = graph.layer(l.inputs().get(0)).output().dim(-1);
        List<Integer> shape = l.output().shape();
        if (l.output().rank() == 2) {
            List<String> ins = new ArrayList<>(List.of(x));
            ins.addAll(weightAndBias(l, d.units(), d.bias(), type, quantized, inputScale, tag, false));
            return out.node("Gemm", l.name(), ins, y, type, shape, tag, integer("transB", 1));
        }
        List<String> wb = weightAndBias(l, d.units(), d.bias(), type, quantized, inputScale, tag, true);
        if (!d.bias()) {
            return out.node("MatMul", l.name(), List.of(x, wb.get(0)), y, type, shape, tag);
        }
        String mm = out.node("MatMul", l.name(), List.of(x, wb.get(0)), out.fresh(l.name() + "/matmul"), type, shape,
                tag);
        return out.node("Add", l.name() + "/bias", List.of(mm, wb.get(1)), y, type, shape, tag);
    }

    /**
     * The weight (and bias) inputs of a conv or dense: initializers of {@code type}, or int8 / int32 initializers
     * behind DequantizeLinear nodes. {@code transposed}: a dense weight as MatMul's [in, units] (quantized along
     * axis 1).
     */
    private List<String> weightAndBias(Layer l, int channels, boolean hasBias, int type, boolean quantized,
                                       float inputScale, NodeTag tag, boolean transposed) {
        String n = l.name();
        int per = weights.require(l, "weight").length / channels;
        List<Integer> dims = weightDims(l, channels, per, transposed);
        StoredWeight stored = prepared.get(l.id());
        if (stored == null || stored.type() != type || stored.quantized() != quantized) {
            stored = store(l, type, quantized);
        }
        float[] b = hasBias ? weights.require(l, "bias") : null;
        List<String> r = new ArrayList<>();
        if (!quantized) {
            r.add(out.initializer(OnnxTensors.raw(n + ".weight", dims, type, stored.raw())));
            if (b != null) {
                r.add(out.initializer(OnnxTensors.floats(n + ".bias", List.of(channels), b, type)));
            }
            return r;
        }
        QdqWeights q = stored.weights();
        int axis = transposed ? 1 : 0;
        String wq = out.initializer(OnnxTensors.int8(n + ".weight_quantized", dims, q.weight()));
        String ws = out.initializer(OnnxTensors.floats(n + ".weight_scale", List.of(channels), q.scales(),
                OnnxTensors.FLOAT));
        String wz = out.initializer(OnnxTensors.int8(n + ".weight_zero_point", List.of(channels), new byte[channels]));
        r.add(out.node("DequantizeLinear", n + "/weight_dq", List.of(wq, ws, wz), out.fresh(n + ".weight"),
                OnnxTensors.FLOAT, dims, tag, integer("axis", axis)));
        if (b != null) {
            if (inputScale > 0) {
                String bq = out.initializer(OnnxTensors.int32(n + ".bias_quantized", List.of(channels),
                        q.bias(b, inputScale)));
                String bs = out.initializer(OnnxTensors.floats(n + ".bias_scale", List.of(channels),
                        q.biasScales(inputScale), OnnxTensors.FLOAT));
                String bz = out.initializer(OnnxTensors.int32(n + ".bias_zero_point", List.of(channels),
                        new int[channels]));
                r.add(out.node("DequantizeLinear", n + "/bias_dq", List.of(bq, bs, bz), out.fresh(n + ".bias"),
                        OnnxTensors.FLOAT, List.of(channels), tag, integer("axis", 0)));
            } else {
                r.add(out.initializer(OnnxTensors.floats(n + ".bias", List.of(channels), b, OnnxTensors.FLOAT)));
            }
        }
        return r;
    }

    /**
     * Stores the weights of these conv and dense layers ahead of emission, in parallel: quantizing and converting
     * them is most of an export's work. {@code type} and {@code quantized} are what emission will ask for.
     */
    void prepare(List<WeightJob> jobs, Parallel par) {
        StoredWeight[] done = new StoredWeight[jobs.size()];
        par.forEach(jobs.size(), i -> done[i] = store(jobs.get(i).layer(), jobs.get(i).type(),
                jobs.get(i).quantized()));
        for (int i = 0; i < done.length; i++) {
            prepared.put(jobs.get(i).layer().id(), done[i]);
        }
    }

    /** A conv or dense layer whose weight emission stores as {@code type}, or int8 when {@code quantized}. */
    record WeightJob(Layer layer, int type, boolean quantized) {
        static boolean applies(Layer l) {
            return l.op() instanceof Conv2d || l.op() instanceof Dense;
        }
    }

    /** A conv or dense weight as stored: int8 per output channel (QDQ) when quantized, else raw bytes of type. */
    private record StoredWeight(int type, boolean quantized, QdqWeights weights, ByteString raw) {
    }

    private StoredWeight store(Layer l, int type, boolean quantized) {
        int channels = l.op() instanceof Conv2d c ? c.outChannels() : ((Dense) l.op()).units();
        boolean transposed = l.op() instanceof Dense && l.output().rank() != 2;
        float[] w = weights.require(l, "weight");
        int per = w.length / channels;
        if (transposed) {
            w = transpose(w, channels, per);
        }
        if (!quantized) {
            return new StoredWeight(type, false, null, OnnxTensors.floatBytes(w, type));
        }
        QdqWeights q = transposed ? QdqWeights.perColumn(w, per, channels) : QdqWeights.perChannel(w, channels);
        return new StoredWeight(type, true, q, null);
    }

    private List<Integer> weightDims(Layer l, int channels, int per, boolean transposed) {
        if (l.op() instanceof Conv2d c) {
            return List.of(channels, per / (c.kernelH() * c.kernelW()), c.kernelH(), c.kernelW());
        }
        return transposed ? List.of(per, channels) : List.of(channels, per);
    }

    private static float[] transpose(float[] w, int rows, int columns) {
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                t[c * rows + r] = w[r * columns + c];
            }
        }
        return t;
    }

    private String transposeLast(Layer l, String x, int type, NodeTag tag) {
        List<Integer> s = out.value(x).shape();
        int r = s.size();
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < r - 2; i++) {
            perm.add(i);
        }
        perm.add(r - 1);
        perm.add(r - 2);
        List<Integer> shape = new ArrayList<>(s);
        shape.set(r - 1, s.get(r - 2));
        shape.set(r - 2, s.get(r - 1));
        return out.node("Transpose", l.name() + "/transpose", List.of(x), out.fresh(x + "/T"), type, shape, tag,
                ints("perm", perm));
    }

    private String activation(Layer l, Activation a, String x, String y, int type, NodeTag tag) {
        String n = l.name();
        List<Integer> shape = l.output().shape();
        return switch (a.kind()) {
            case RELU -> out.node("Relu", n, List.of(x), y, type, shape, tag);
            case RELU6 -> clip(n, x, y, 0, 6, type, shape, tag);
            case CLIP -> clip(n, x, y, a.min(), a.max(), type, shape, tag);
            case LEAKY_RELU -> out.node("LeakyRelu", n, List.of(x), y, type, shape, tag, real("alpha", a.alpha()));
            case SIGMOID -> out.node("Sigmoid", n, List.of(x), y, type, shape, tag);
            case HARD_SIGMOID -> out.node("HardSigmoid", n, List.of(x), y, type, shape, tag, real("alpha", a.alpha()),
                    real("beta", 0.5));
            case HARD_SWISH -> out.node("HardSwish", n, List.of(x), y, type, shape, tag);
            case TANH -> out.node("Tanh", n, List.of(x), y, type, shape, tag);
            case GELU -> gelu(n, x, y, type, shape, tag);
        };
    }

    private String clip(String n, String x, String y, double min, double max, int type, List<Integer> shape,
                        NodeTag tag) {
        String lo = scalar(n + ".min", min, type);
        String hi = scalar(n + ".max", max, type);
        return out.node("Clip", n, List.of(x, lo, hi), y, type, shape, tag);
    }

    /** GELU (erf form) for opset 17, which has no Gelu: 0.5 * x * (1 + erf(x / sqrt 2)). */
    private String gelu(String n, String x, String y, int type, List<Integer> shape, NodeTag tag) {
        String d = out.node("Div", n + "/div", List.of(x, scalar(n + ".sqrt2", Math.sqrt(2), type)),
                out.fresh(n + "/div"), type, shape, tag);
        String e = out.node("Erf", n + "/erf", List.of(d), out.fresh(n + "/erf"), type, shape, tag);
        String p = out.node("Add", n + "/add", List.of(e, scalar(n + ".one", 1, type)), out.fresh(n + "/add"), type,
                shape, tag);
        String m = out.node("Mul", n + "/mul", List.of(x, p), out.fresh(n + "/mul"), type, shape, tag);
        return out.node("Mul", n, List.of(m, scalar(n + ".half", 0.5, type)), y, type, shape, tag);
    }

    private String scalar(String name, double v, int type) {
        return out.initializer(OnnxTensors.floats(name, List.of(), new float[] {(float) v}, type));
    }
}
