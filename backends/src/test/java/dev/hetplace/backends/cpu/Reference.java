package dev.hetplace.backends.cpu;

import dev.hetplace.backends.quant.Requantize;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import java.util.Random;

/** Plain scalar kernels, written as the definitions read, to check the fast kernels against. */
final class Reference {
    private Reference() {
    }

    /** conv2d by the definition, accumulated in double (exact for the integer operands of the int8 reference). */
    static double[] conv(Conv2d op, Shape in, double[] x, double[] w, double[] bias, int[] outDims) {
        int n = in.dim(0);
        int c = in.dim(1);
        int h = in.dim(2);
        int wd = in.dim(3);
        int oh = outDims[2];
        int ow = outDims[3];
        int cg = c / op.groups();
        int mg = op.outChannels() / op.groups();
        double[] out = new double[n * op.outChannels() * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < op.outChannels(); o++) {
                int grp = o / mg;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = bias == null ? 0 : bias[o];
                        for (int ic = 0; ic < cg; ic++) {
                            for (int ky = 0; ky < op.kernelH(); ky++) {
                                for (int kx = 0; kx < op.kernelW(); kx++) {
                                    int iy = oy * op.strideH() - op.padding().top() + ky * op.dilationH();
                                    int ix = ox * op.strideW() - op.padding().left() + kx * op.dilationW();
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                                        continue;
                                    }
                                    int ch = grp * cg + ic;
                                    s += x[((b * c + ch) * h + iy) * wd + ix]
                                            * w[((o * cg + ic) * op.kernelH() + ky) * op.kernelW() + kx];
                                }
                            }
                        }
                        out[((b * op.outChannels() + o) * oh + oy) * ow + ox] = s;
                    }
                }
            }
        }
        return out;
    }

    /** int8 conv by the definition: int32 sums, bias, round_for_shift, clip. */
    static byte[] convInt8(Conv2d op, Shape in, byte[] x, byte[] w, int[] bias, int shift, int[] outDims) {
        double[] acc = conv(op, in, toDouble(x), toDouble(w), bias == null ? null : toDouble(bias), outDims);
        byte[] out = new byte[acc.length];
        for (int i = 0; i < acc.length; i++) {
            out[i] = requantizeByDefinition((long) acc[i], shift);
        }
        return out;
    }

    /** round_for_shift as TVM writes it, in long arithmetic: (x + (1 << (s - 1))) >> s, then clip. */
    static byte requantizeByDefinition(long acc, int shift) {
        long v = shift > 0 ? (acc + (1L << (shift - 1))) >> shift : acc << -shift;
        return (byte) Math.max(-128, Math.min(127, v));
    }

    static double[] pool(Pool op, Shape in, double[] x, int oh, int ow) {
        int planes = in.dim(0) * in.dim(1);
        int h = in.dim(2);
        int w = in.dim(3);
        double[] out = new double[planes * oh * ow];
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int inside = 0;
                    int padded = 0;
                    for (int ky = 0; ky < op.kernelH(); ky++) {
                        for (int kx = 0; kx < op.kernelW(); kx++) {
                            int iy = oy * op.strideH() - op.padding().top() + ky;
                            int ix = ox * op.strideW() - op.padding().left() + kx;
                            if (iy < h + op.padding().bottom() && ix < w + op.padding().right()) {
                                padded++;
                            }
                            if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                continue;
                            }
                            double v = x[(p * h + iy) * w + ix];
                            best = Math.max(best, v);
                            sum += v;
                            inside++;
                        }
                    }
                    int count = op.countIncludePad() ? padded : inside;
                    out[(p * oh + oy) * ow + ox] = op.kind() == PoolKind.MAX ? best : sum / count;
                }
            }
        }
        return out;
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static double[] toDouble(byte[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static float[] gaussian(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    static byte[] int8(Random r, int n) {
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
            a[i] = (byte) (r.nextInt(256) - 128);
        }
        return a;
    }

    /** max |test - ref| / max |ref|: the error relative to the tensor's magnitude. */
    static double relativeError(double[] ref, float[] test) {
        double maxRef = 0;
        double maxErr = 0;
        for (int i = 0; i < ref.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(ref[i]));
            maxErr = Math.max(maxErr, Math.abs(ref[i] - test[i]));
        }
        return maxRef == 0 ? maxErr : maxErr / maxRef;
    }
}
