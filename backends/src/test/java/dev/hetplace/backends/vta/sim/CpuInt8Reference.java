package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.cpu.ActivationKernel;
import dev.hetplace.backends.cpu.Conv2dKernel;
import dev.hetplace.backends.cpu.DenseKernel;
import dev.hetplace.backends.cpu.EltwiseKernel;
import dev.hetplace.backends.cpu.Int8Tensor;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.cpu.Shape;
import dev.hetplace.backends.quant.QuantParams;
import dev.hetplace.backends.vta.VtaAluStep;
import dev.hetplace.backends.vta.VtaAluWorkload;
import dev.hetplace.backends.vta.VtaConvWorkload;
import dev.hetplace.backends.vta.VtaDenseWorkload;
import dev.hetplace.backends.vta.VtaWorkload;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.op.Padding;
import java.util.List;
import java.util.Random;

/**
 * The CPU backend's int8 result for a VTA workload (its kernels, its round_for_shift requantization), and seeded
 * random data for one: int8 activations and weights over the full range, int32 bias, a shift that keeps most
 * outputs inside int8. Activations are at scale 2^-4 (TVM's global scale 8), weights at 2^-shift, so the
 * accumulator needs exactly {@code shift} to return to 2^-4.
 */
final class CpuInt8Reference {
    static final int ACT_LOG2 = -4;

    private CpuInt8Reference() {
    }

    /** Inputs of one run of a workload. {@code operands} holds the ALU operands, {@code bias} may be null. */
    record Data(byte[] input, byte[] weights, int[] bias, List<byte[]> operands, VtaAluImmediates immediates) {
    }

    static Data random(VtaWorkload w, long seed) {
        Random r = new Random(seed);
        if (w instanceof VtaConvWorkload c) {
            int k = c.inChannels() * c.kernelH() * c.kernelW();
            int shift = shiftFor(k);
            return new Data(bytes(r, c.batch() * c.inChannels() * c.inH() * c.inW()),
                    bytes(r, c.outChannels() * k), c.bias() ? ints(r, c.outChannels(), shift) : null, List.of(),
                    immediates(shift));
        }
        if (w instanceof VtaDenseWorkload d) {
            int shift = shiftFor(d.inFeatures());
            return new Data(bytes(r, d.rows() * d.inFeatures()), bytes(r, d.outFeatures() * d.inFeatures()),
                    d.bias() ? ints(r, d.outFeatures(), shift) : null, List.of(), immediates(shift));
        }
        VtaAluWorkload a = (VtaAluWorkload) w;
        List<byte[]> ops = new java.util.ArrayList<>();
        for (int i = 0; i < a.tensorOperands(); i++) {
            ops.add(bytes(r, (int) a.elements()));
        }
        return new Data(null, null, null, ops, immediates(0));
    }

    /** ReLU6 at scale 2^-4 clips to [0, 96]. */
    private static VtaAluImmediates immediates(int shift) {
        return new VtaAluImmediates(shift, 0, 96);
    }

    /** About log2(85 sqrt(K)): uniform int8 products summed K times have a deviation near 5440 sqrt(K). */
    static int shiftFor(int k) {
        int s = (int) Math.round(Math.log(85 * Math.sqrt(k)) / Math.log(2));
        return Math.max(1, Math.min(15, s));
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static int[] ints(Random r, int n, int shift) {
        int[] v = new int[n];
        int range = 1 << Math.min(30, shift + 7);
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(2 * range) - range;
        }
        return v;
    }

    /** The CPU's int8 output of {@code w} on {@code d}. */
    static byte[] run(VtaWorkload w, Data d) {
        Parallel seq = Parallel.sequential();
        if (w instanceof VtaConvWorkload c) {
            Conv2d op = new Conv2d(c.outChannels(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(),
                    new Padding(c.padTop(), c.padLeft(), c.padBottom(), c.padRight()), 1, 1, 1, c.bias());
            Int8Tensor in = new Int8Tensor(Shape.of(c.batch(), c.inChannels(), c.inH(), c.inW()), d.input(), ACT_LOG2);
            Int8Tensor out = Conv2dKernel.int8(op, in, d.weights(), d.bias(), quant(d), seq);
            return activate(w.aluSteps(), out).data();
        }
        if (w instanceof VtaDenseWorkload dense) {
            Int8Tensor in = new Int8Tensor(Shape.of(dense.rows(), dense.inFeatures()), d.input(), ACT_LOG2);
            Int8Tensor out = DenseKernel.int8(in, dense.outFeatures(), d.weights(), d.bias(), quant(d), seq);
            return activate(w.aluSteps(), out).data();
        }
        VtaAluWorkload a = (VtaAluWorkload) w;
        Shape shape = Shape.of(a.batch(), a.channels(), a.height(), a.width());
        Int8Tensor acc = new Int8Tensor(shape, d.operands().get(0), ACT_LOG2);
        for (int i = 1; i < d.operands().size(); i++) {
            acc = EltwiseKernel.int8(EltwiseKind.ADD, acc, new Int8Tensor(shape, d.operands().get(i), ACT_LOG2),
                    ACT_LOG2);
        }
        return activate(w.aluSteps(), acc).data();
    }

    private static QuantParams quant(Data d) {
        return new QuantParams(ACT_LOG2, -d.immediates().shift(), ACT_LOG2);
    }

    private static Int8Tensor activate(List<VtaAluStep> steps, Int8Tensor t) {
        Int8Tensor out = t;
        boolean clipSeen = false;
        for (VtaAluStep s : steps) {
            if ("relu".equals(s.purpose())) {
                out = ActivationKernel.int8(Activation.relu(), out, out.scaleLog2());
            } else if ("clip".equals(s.purpose()) && !clipSeen) {
                clipSeen = true;
                out = ActivationKernel.int8(Activation.of(dev.hetplace.ir.op.ActivationKind.RELU6), out,
                        out.scaleLog2());
            }
        }
        return out;
    }

    /** Runs {@code p} on the functional simulator with {@code d}. */
    static VtaExecution vta(VtaProgram p, Data d) {
        VtaWorkload w = p.plan().workload();
        if (w instanceof VtaConvWorkload) {
            return VtaExecution.conv(p, d.input(), d.weights(), d.bias());
        }
        if (w instanceof VtaDenseWorkload) {
            return VtaExecution.dense(p, d.input(), d.weights(), d.bias());
        }
        return VtaExecution.alu(p, d.operands());
    }
}
