package dev.hetplace.backends.cpu;

/**
 * Row-major matrix multiply-accumulate {@code C[m][n] += sum_k A[m][k] * B[k][n]}, in float, or exactly in int32
 * for int8 operands. B is given as one array per row, and each output row is accumulated in a scratch row
 * indexed like B's rows: with every array in the inner loop indexed by the same {@code n}, HotSpot's
 * superword pass turns it into SIMD (it does not vectorize loops mixing loop-invariant offsets). Blocked over N
 * (the scratch row segment stays in L1) and K (a B tile stays in L2), four rows of B per pass; split over rows of
 * C, or over column blocks when C has few rows.
 */
final class Gemm {
    private static final int NB = 512;
    /** At most 1024 so that int8 block sums stay exact in float (see {@link #int8}). */
    private static final int KB = 128;
    /** Below this many multiply-accumulates a call stays on one thread. */
    private static final long PARALLEL_MIN_MACS = 1L << 16;

    private Gemm() {
    }

    /** Shapes of one product: C (m x n, row stride ldc) += A (m x k, row stride lda) B (k rows of length >= n). */
    record Dims(int m, int n, int k, int lda, int ldc) {
        static Dims dense(int m, int n, int k) {
            return new Dims(m, n, k, k, n);
        }
    }

    /** {@code C += A B} in float. */
    static void fp32(Dims d, float[] a, int aOff, float[][] b, float[] c, int cOff, Parallel par) {
        split(d, par, (m0, m1, n0, n1) -> fp32Block(d, a, aOff, b, c, cOff, m0, m1, n0, n1));
    }

    /**
     * {@code C += A B} for int8-valued operands held as floats, C int32. Every product is an integer of at most
     * 2^14 in magnitude and a K block of at most 1024 products sums to at most 2^24, which float holds exactly;
     * each block's float sum is added to the int32 accumulator, so the result equals integer arithmetic bit for
     * bit, at float SIMD speed.
     */
    static void int8(Dims d, float[] a, int aOff, float[][] b, int[] c, int cOff, Parallel par) {
        split(d, par, (m0, m1, n0, n1) -> int8Block(d, a, aOff, b, c, cOff, m0, m1, n0, n1));
    }

    private interface Block {
        void run(int m0, int m1, int n0, int n1);
    }

    private static void split(Dims d, Parallel par, Block block) {
        long macs = (long) d.m() * d.n() * d.k();
        if (par.threads() == 1 || macs < PARALLEL_MIN_MACS) {
            block.run(0, d.m(), 0, d.n());
        } else if (d.m() >= 2 * par.threads()) {
            par.forRanges(d.m(), 1, (m0, m1) -> block.run(m0, m1, 0, d.n()));
        } else {
            int cols = (d.n() + 63) / 64;
            par.forRanges(cols, 1, (c0, c1) -> block.run(0, d.m(), c0 * 64, Math.min(d.n(), c1 * 64)));
        }
    }

    private static void fp32Block(Dims d, float[] a, int aOff, float[][] b, float[] c, int cOff,
                                  int m0, int m1, int n0, int n1) {
        float[] part = new float[n1];
        for (int nb = n0; nb < n1; nb += NB) {
            int ne = Math.min(n1, nb + NB);
            for (int kb = 0; kb < d.k(); kb += KB) {
                int ke = Math.min(d.k(), kb + KB);
                for (int m = m0; m < m1; m++) {
                    int ci = cOff + m * d.ldc();
                    System.arraycopy(c, ci + nb, part, nb, ne - nb);
                    accumulate(a, aOff + m * d.lda(), b, part, kb, ke, nb, ne);
                    System.arraycopy(part, nb, c, ci + nb, ne - nb);
                }
            }
        }
    }

    private static void int8Block(Dims d, float[] a, int aOff, float[][] b, int[] c, int cOff,
                                  int m0, int m1, int n0, int n1) {
        float[] part = new float[n1];
        int[] acc = new int[n1];
        for (int nb = n0; nb < n1; nb += NB) {
            int ne = Math.min(n1, nb + NB);
            for (int kb = 0; kb < d.k(); kb += KB) {
                int ke = Math.min(d.k(), kb + KB);
                for (int m = m0; m < m1; m++) {
                    int ci = cOff + m * d.ldc();
                    java.util.Arrays.fill(part, nb, ne, 0f);
                    accumulate(a, aOff + m * d.lda(), b, part, kb, ke, nb, ne);
                    System.arraycopy(c, ci + nb, acc, nb, ne - nb);
                    for (int n = nb; n < ne; n++) {
                        acc[n] += (int) part[n];
                    }
                    System.arraycopy(acc, nb, c, ci + nb, ne - nb);
                }
            }
        }
    }

    /** {@code part[n] += sum_{k in [k0, k1)} a[ai + k] * b[k][n]} for n in [n0, n1). */
    private static void accumulate(float[] a, int ai, float[][] b, float[] part, int k0, int k1, int n0, int n1) {
        int k = k0;
        for (; k + 3 < k1; k += 4) {
            float a0 = a[ai + k];
            float a1 = a[ai + k + 1];
            float a2 = a[ai + k + 2];
            float a3 = a[ai + k + 3];
            float[] b0 = b[k];
            float[] b1 = b[k + 1];
            float[] b2 = b[k + 2];
            float[] b3 = b[k + 3];
            for (int n = n0; n < n1; n++) {
                part[n] += a0 * b0[n] + a1 * b1[n] + a2 * b2[n] + a3 * b3[n];
            }
        }
        for (; k < k1; k++) {
            float a0 = a[ai + k];
            float[] b0 = b[k];
            for (int n = n0; n < n1; n++) {
                part[n] += a0 * b0[n];
            }
        }
    }

    /** The rows of a row-major k x n matrix stored at {@code off}, as separate arrays. */
    static float[][] rows(float[] m, int off, int k, int n) {
        float[][] r = new float[k][];
        for (int i = 0; i < k; i++) {
            r[i] = java.util.Arrays.copyOfRange(m, off + i * n, off + (i + 1) * n);
        }
        return r;
    }
}
