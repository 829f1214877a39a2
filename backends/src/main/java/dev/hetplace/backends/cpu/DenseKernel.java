package dev.hetplace.backends.cpu;

import dev.hetplace.backends.quant.QuantParams;
import dev.hetplace.backends.quant.Requantize;

/**
 * Fully connected layer over the last axis: {@code y[.., u] = sum_k x[.., k] W[u][k] + b[u]}, W stored
 * [units][inFeatures] as nn.Linear and ONNX Gemm (transB = 1) hold it. One input row is a dot product per unit,
 * split over units; many rows are a GEMM against W transposed, split over rows.
 */
public final class DenseKernel {
    private static final int GEMM_MIN_ROWS = 4;

    private DenseKernel() {
    }

    public static FloatTensor fp32(FloatTensor in, int units, float[] weight, float[] bias, Parallel par) {
        int k = in.shape().dim(-1);
        int rows = in.shape().elements() / k;
        check(k, units, weight.length, bias == null ? -1 : bias.length);
        float[] x = in.data();
        float[] out = new float[rows * units];
        if (rows < GEMM_MIN_ROWS) {
            par.forRanges(units, 16, (u0, u1) -> {
                for (int r = 0; r < rows; r++) {
                    for (int u = u0; u < u1; u++) {
                        out[r * units + u] = dot(x, r * k, weight, u * k, k) + (bias == null ? 0f : bias[u]);
                    }
                }
            });
        } else {
            float[][] wt = Gemm.rows(transpose(weight, units, k), 0, k, units);
            if (bias != null) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(bias, 0, out, r * units, units);
                }
            }
            Gemm.fp32(Gemm.Dims.dense(rows, units, k), x, 0, wt, out, 0, par);
        }
        return new FloatTensor(outShape(in.shape(), units), out);
    }

    /** int8 dense: int32 dot products plus int32 bias (may be null), requantized to {@code q.outputLog2()}. */
    public static Int8Tensor int8(Int8Tensor in, int units, byte[] weight, int[] bias, QuantParams q, Parallel par) {
        int k = in.shape().dim(-1);
        int rows = in.shape().elements() / k;
        check(k, units, weight.length, bias == null ? -1 : bias.length);
        int[] acc = new int[rows * units];
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias, 0, acc, r * units, units);
            }
        }
        if (rows < GEMM_MIN_ROWS) {
            int[] x = Conv2dKernel.widen(in.data());
            int[] w = Conv2dKernel.widen(weight);
            par.forRanges(units, 16, (u0, u1) -> {
                for (int r = 0; r < rows; r++) {
                    for (int u = u0; u < u1; u++) {
                        acc[r * units + u] += dot(x, r * k, w, u * k, k);
                    }
                }
            });
        } else {
            float[] x = Conv2dKernel.asFloats(in.data());
            float[][] wt = new float[k][units];
            for (int u = 0; u < units; u++) {
                for (int i = 0; i < k; i++) {
                    wt[i][u] = weight[u * k + i];
                }
            }
            Gemm.int8(Gemm.Dims.dense(rows, units, k), x, 0, wt, acc, 0, par);
        }
        byte[] out = new byte[acc.length];
        int shift = q.shift();
        for (int i = 0; i < acc.length; i++) {
            out[i] = Requantize.requantize(acc[i], shift);
        }
        return new Int8Tensor(outShape(in.shape(), units), out, q.outputLog2());
    }

    static Shape outShape(Shape in, int units) {
        int[] d = in.dims();
        d[d.length - 1] = units;
        return Shape.of(d);
    }

    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static int dot(int[] a, int ao, int[] b, int bo, int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    private static void check(int k, int units, int weights, int biases) {
        if (weights != units * k) {
            throw new IllegalArgumentException("dense weight has " + weights + " elements, expected " + units + "x" + k);
        }
        if (biases >= 0 && biases != units) {
            throw new IllegalArgumentException("dense bias has " + biases + " elements, expected " + units);
        }
    }
}
