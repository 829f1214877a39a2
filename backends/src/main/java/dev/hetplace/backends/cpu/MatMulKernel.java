package dev.hetplace.backends.cpu;

import dev.hetplace.backends.quant.QuantParams;
import dev.hetplace.backends.quant.Requantize;

/**
 * Batched matrix product of two activations, {@code A[.., M, K] x B[.., K, N]} with optional transposes of
 * either operand and NumPy broadcasting of the batch axes.
 */
public final class MatMulKernel {
    private MatMulKernel() {
    }

    /** Sizes and batch-broadcast offsets of one batched product. */
    private record Plan(Shape out, int m, int n, int k, int batches, int[] aOffsets, int[] bOffsets) {
        static Plan of(Shape a, Shape b, boolean transA, boolean transB) {
            if (a.rank() < 2 || b.rank() < 2) {
                throw new IllegalArgumentException("matmul needs inputs of rank >= 2, got " + a + " and " + b);
            }
            int m = transA ? a.dim(-1) : a.dim(-2);
            int ka = transA ? a.dim(-2) : a.dim(-1);
            int kb = transB ? b.dim(-1) : b.dim(-2);
            int n = transB ? b.dim(-2) : b.dim(-1);
            if (ka != kb) {
                throw new IllegalArgumentException("matmul inner dimensions differ: " + a + " x " + b);
            }
            int rank = Math.max(a.rank(), b.rank()) - 2;
            int[] outBatch = new int[rank];
            for (int i = 0; i < rank; i++) {
                int da = batchDim(a, rank, i);
                int db = batchDim(b, rank, i);
                if (da != db && da != 1 && db != 1) {
                    throw new IllegalArgumentException("matmul batch axes " + a + " and " + b + " do not broadcast");
                }
                outBatch[i] = Math.max(da, db);
            }
            int batches = 1;
            for (int d : outBatch) {
                batches *= d;
            }
            int[] ao = new int[batches];
            int[] bo = new int[batches];
            int aMat = a.dim(-1) * a.dim(-2);
            int bMat = b.dim(-1) * b.dim(-2);
            for (int t = 0; t < batches; t++) {
                int rest = t;
                int ai = 0;
                int bi = 0;
                int aStride = 1;
                int bStride = 1;
                for (int i = rank - 1; i >= 0; i--) {
                    int idx = rest % outBatch[i];
                    rest /= outBatch[i];
                    int da = batchDim(a, rank, i);
                    int db = batchDim(b, rank, i);
                    ai += (da == 1 ? 0 : idx) * aStride;
                    bi += (db == 1 ? 0 : idx) * bStride;
                    aStride *= da;
                    bStride *= db;
                }
                ao[t] = ai * aMat;
                bo[t] = bi * bMat;
            }
            int[] outDims = new int[rank + 2];
            System.arraycopy(outBatch, 0, outDims, 0, rank);
            outDims[rank] = m;
            outDims[rank + 1] = n;
            return new Plan(Shape.of(outDims), m, n, ka, batches, ao, bo);
        }

        private static int batchDim(Shape s, int rank, int i) {
            int offset = rank - (s.rank() - 2);
            return i < offset ? 1 : s.dim(i - offset);
        }
    }

    public static FloatTensor fp32(FloatTensor a, FloatTensor b, boolean transA, boolean transB, Parallel par) {
        Plan p = Plan.of(a.shape(), b.shape(), transA, transB);
        float[] out = new float[p.out().elements()];
        Gemm.Dims dims = Gemm.Dims.dense(p.m(), p.n(), p.k());
        for (int t = 0; t < p.batches(); t++) {
            float[] am = matrix(a.data(), p.aOffsets()[t], p.m(), p.k(), transA);
            float[][] bm = Gemm.rows(matrix(b.data(), p.bOffsets()[t], p.k(), p.n(), transB), 0, p.k(), p.n());
            Gemm.fp32(dims, am, 0, bm, out, t * p.m() * p.n(), par);
        }
        return new FloatTensor(p.out(), out);
    }

    /** int8 product: int32 accumulation at scale {@code 2^(a + b)}, requantized to {@code q.outputLog2()}. */
    public static Int8Tensor int8(Int8Tensor a, Int8Tensor b, boolean transA, boolean transB, QuantParams q,
                                  Parallel par) {
        Plan p = Plan.of(a.shape(), b.shape(), transA, transB);
        int[] acc = new int[p.out().elements()];
        Gemm.Dims dims = Gemm.Dims.dense(p.m(), p.n(), p.k());
        for (int t = 0; t < p.batches(); t++) {
            float[] am = matrix(a.data(), p.aOffsets()[t], p.m(), p.k(), transA);
            float[][] bm = Gemm.rows(matrix(b.data(), p.bOffsets()[t], p.k(), p.n(), transB), 0, p.k(), p.n());
            Gemm.int8(dims, am, 0, bm, acc, t * p.m() * p.n(), par);
        }
        byte[] out = new byte[acc.length];
        for (int i = 0; i < acc.length; i++) {
            out[i] = Requantize.requantize(acc[i], q.shift());
        }
        return new Int8Tensor(p.out(), out, q.outputLog2());
    }

    /** The rows x cols operand as a row-major copy; stored transposed (cols x rows) when {@code trans}. */
    private static float[] matrix(float[] src, int off, int rows, int cols, boolean trans) {
        float[] m = new float[rows * cols];
        if (!trans) {
            System.arraycopy(src, off, m, 0, m.length);
        } else {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    m[r * cols + c] = src[off + c * rows + r];
                }
            }
        }
        return m;
    }

    private static float[] matrix(byte[] src, int off, int rows, int cols, boolean trans) {
        float[] m = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r * cols + c] = trans ? src[off + c * rows + r] : src[off + r * cols + c];
            }
        }
        return m;
    }
}
