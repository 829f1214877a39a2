package dev.hetplace.backends.cpu;

import dev.hetplace.backends.quant.QuantParams;
import dev.hetplace.backends.quant.Requantize;
import dev.hetplace.ir.op.Conv2d;

/**
 * conv2d over NCHW with OIHW weights (stride, asymmetric padding, dilation, groups, depthwise) as im2col + GEMM
 * per group: the weight rows of a group times the im2col matrix of its input channels (for a pointwise conv,
 * the channels themselves). With one group the im2col and the GEMM are split over threads; with several
 * (grouped, depthwise) whole groups are.
 */
public final class Conv2dKernel {
    private Conv2dKernel() {
    }

    /** fp32 conv; {@code bias} may be null. */
    public static FloatTensor fp32(Conv2d op, FloatTensor in, float[] weight, float[] bias, Parallel par) {
        ConvGeometry g = ConvGeometry.of(op, in.shape());
        checkParams(g, weight.length, bias == null ? -1 : bias.length);
        Shape outShape = g.outShape();
        float[] out = new float[outShape.elements()];
        int pixels = g.pixels();
        int mg = g.groupOutChannels();
        Gemm.Dims dims = Gemm.Dims.dense(mg, pixels, g.patch());
        Parallel inner = op.groups() == 1 ? par : Parallel.sequential();
        for (int b = 0; b < g.batch(); b++) {
            int outBase = b * op.outChannels() * pixels;
            if (bias != null) {
                for (int o = 0; o < op.outChannels(); o++) {
                    java.util.Arrays.fill(out, outBase + o * pixels, outBase + (o + 1) * pixels, bias[o]);
                }
            }
            int image = b;
            par.forEach(op.groups(), grp -> {
                float[][] col = columns(g, in.data(), image, grp, inner);
                Gemm.fp32(dims, weight, grp * mg * g.patch(), col, out, outBase + grp * mg * pixels, inner);
            });
        }
        return new FloatTensor(outShape, out);
    }

    /**
     * int8 conv: int32 accumulation of int8 products, plus the int32 bias (at the accumulator scale, may be
     * null), requantized to {@code q.outputLog2()} by round_for_shift and clipped.
     */
    public static Int8Tensor int8(Conv2d op, Int8Tensor in, byte[] weight, int[] bias, QuantParams q, Parallel par) {
        if (in.scaleLog2() != q.inputLog2()) {
            throw new IllegalArgumentException("conv2d int8 input has scale 2^" + in.scaleLog2()
                    + " but the quantization parameters say 2^" + q.inputLog2());
        }
        ConvGeometry g = ConvGeometry.of(op, in.shape());
        checkParams(g, weight.length, bias == null ? -1 : bias.length);
        Shape outShape = g.outShape();
        byte[] out = new byte[outShape.elements()];
        int pixels = g.pixels();
        int mg = g.groupOutChannels();
        int shift = q.shift();
        float[] w = asFloats(weight);
        Gemm.Dims dims = Gemm.Dims.dense(mg, pixels, g.patch());
        Parallel inner = op.groups() == 1 ? par : Parallel.sequential();
        for (int b = 0; b < g.batch(); b++) {
            int outBase = b * op.outChannels() * pixels;
            int image = b;
            par.forEach(op.groups(), grp -> {
                float[][] col = columns(g, in.data(), image, grp, inner);
                int[] acc = new int[mg * pixels];
                if (bias != null) {
                    for (int m = 0; m < mg; m++) {
                        java.util.Arrays.fill(acc, m * pixels, (m + 1) * pixels, bias[grp * mg + m]);
                    }
                }
                Gemm.int8(dims, w, grp * mg * g.patch(), col, acc, 0, inner);
                int o = outBase + grp * mg * pixels;
                for (int i = 0; i < acc.length; i++) {
                    out[o + i] = Requantize.requantize(acc[i], shift);
                }
            });
        }
        return new Int8Tensor(outShape, out, q.outputLog2());
    }

    /** The im2col matrix of one image and group, one array per row. */
    private static float[][] columns(ConvGeometry g, float[] in, int image, int group, Parallel par) {
        int base = groupBase(g, image, group);
        if (g.pointwise()) {
            return Gemm.rows(in, base, g.groupInChannels(), g.pixels());
        }
        float[][] col = new float[g.patch()][g.pixels()];
        par.forRanges(g.patch(), 8, (r0, r1) -> g.im2col(in, base, col, r0, r1));
        return col;
    }

    private static float[][] columns(ConvGeometry g, byte[] in, int image, int group, Parallel par) {
        int base = groupBase(g, image, group);
        float[][] col = new float[g.patch()][g.pixels()];
        if (g.pointwise()) {
            int n = g.pixels();
            for (int r = 0; r < col.length; r++) {
                float[] row = col[r];
                for (int i = 0; i < n; i++) {
                    row[i] = in[base + r * n + i];
                }
            }
        } else {
            par.forRanges(g.patch(), 8, (r0, r1) -> g.im2col(in, base, col, r0, r1));
        }
        return col;
    }

    private static int groupBase(ConvGeometry g, int image, int group) {
        int plane = g.inH() * g.inW();
        return (image * g.inChannels() + group * g.groupInChannels()) * plane;
    }

    /** int8 values as floats, for {@link Gemm#int8}. */
    static float[] asFloats(byte[] b) {
        float[] w = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            w[i] = b[i];
        }
        return w;
    }

    static int[] widen(byte[] b) {
        int[] w = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            w[i] = b[i];
        }
        return w;
    }

    private static void checkParams(ConvGeometry g, int weights, int biases) {
        if (weights != g.weightElements()) {
            throw new IllegalArgumentException("conv2d weight has " + weights + " elements, expected "
                    + g.weightElements() + " (" + g.op().outChannels() + "x" + g.groupInChannels() + "x"
                    + g.op().kernelH() + "x" + g.op().kernelW() + ")");
        }
        if (biases >= 0 && biases != g.op().outChannels()) {
            throw new IllegalArgumentException("conv2d bias has " + biases + " elements, expected "
                    + g.op().outChannels());
        }
    }
}
