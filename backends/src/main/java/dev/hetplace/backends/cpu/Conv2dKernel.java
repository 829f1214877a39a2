package dev.hetplace.backends.cpu;

import dev.hetplace.backends.quant.QuantParams;
import dev.hetplace.backends.quant.Requantize;
import dev.hetplace.ir.op.Conv2d;

/**
 * conv2d over NCHW with OIHW weights (stride, asymmetric padding, dilation, groups, depthwise) as im2col + GEMM
 * per group: the weight rows of a group times the im2col matrix of its input channels. A pointwise conv skips
 * im2col. With one group the GEMM is split over output channels; with many groups (depthwise) the groups are.
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
        int groups = op.groups();
        int patch = g.patch();
        int pixels = g.pixels();
        int mg = g.groupOutChannels();
        int inImage = g.inChannels() * g.inH() * g.inW();
        int outImage = op.outChannels() * pixels;
        Gemm.Dims dims = Gemm.Dims.dense(mg, pixels, patch);
        for (int b = 0; b < g.batch(); b++) {
            int inBase = b * inImage;
            int outBase = b * outImage;
            if (bias != null) {
                for (int o = 0; o < op.outChannels(); o++) {
                    java.util.Arrays.fill(out, outBase + o * pixels, outBase + (o + 1) * pixels, bias[o]);
                }
            }
            if (groups == 1) {
                float[] col;
                int colOff;
                if (g.pointwise()) {
                    col = in.data();
                    colOff = inBase;
                } else {
                    float[] buf = new float[patch * pixels];
                    par.forRanges(patch, 4, (r0, r1) -> g.im2col(in.data(), inBase, buf, r0, r1));
                    col = buf;
                    colOff = 0;
                }
                Gemm.fp32(dims, weight, 0, col, colOff, out, outBase, par);
            } else {
                Parallel inner = Parallel.sequential();
                int groupIn = g.groupInChannels() * g.inH() * g.inW();
                par.forEach(groups, grp -> {
                    int gIn = inBase + grp * groupIn;
                    float[] col;
                    int colOff;
                    if (g.pointwise()) {
                        col = in.data();
                        colOff = gIn;
                    } else {
                        col = new float[patch * pixels];
                        colOff = 0;
                        g.im2col(in.data(), gIn, col, 0, patch);
                    }
                    Gemm.fp32(dims, weight, grp * mg * patch, col, colOff, out, outBase + grp * mg * pixels, inner);
                });
            }
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
        int groups = op.groups();
        int patch = g.patch();
        int pixels = g.pixels();
        int mg = g.groupOutChannels();
        int inImage = g.inChannels() * g.inH() * g.inW();
        int outImage = op.outChannels() * pixels;
        int shift = q.shift();
        int[] w = widen(weight);
        Gemm.Dims dims = Gemm.Dims.dense(mg, pixels, patch);
        Parallel inner = groups == 1 ? par : Parallel.sequential();
        for (int b = 0; b < g.batch(); b++) {
            int inBase = b * inImage;
            int outBase = b * outImage;
            int[] col = groups == 1 ? new int[patch * pixels] : null;
            if (groups == 1) {
                par.forRanges(patch, 4, (r0, r1) -> fillInt8Col(g, in.data(), inBase, col, r0, r1));
            }
            int groupIn = g.groupInChannels() * g.inH() * g.inW();
            par.forEach(groups, grp -> {
                int[] gcol = col;
                if (gcol == null) {
                    gcol = new int[patch * pixels];
                    fillInt8Col(g, in.data(), inBase + grp * groupIn, gcol, 0, patch);
                }
                int[] acc = new int[mg * pixels];
                if (bias != null) {
                    for (int m = 0; m < mg; m++) {
                        java.util.Arrays.fill(acc, m * pixels, (m + 1) * pixels, bias[grp * mg + m]);
                    }
                }
                Gemm.int32(dims, w, grp * mg * patch, gcol, 0, acc, 0, inner);
                int o = outBase + grp * mg * pixels;
                for (int i = 0; i < acc.length; i++) {
                    out[o + i] = Requantize.requantize(acc[i], shift);
                }
            });
        }
        return new Int8Tensor(outShape, out, q.outputLog2());
    }

    private static void fillInt8Col(ConvGeometry g, byte[] in, int base, int[] col, int r0, int r1) {
        if (g.pointwise()) {
            int n = g.pixels();
            for (int i = r0 * n; i < r1 * n; i++) {
                col[i] = in[base + i];
            }
        } else {
            g.im2col(in, base, col, r0, r1);
        }
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
