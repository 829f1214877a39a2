package dev.hetplace.backends.cpu;

/**
 * Row-major matrix multiply-accumulate {@code C[m][n] += sum_k A[m][k] * B[k][n]}, in float or in int32.
 * Blocked over N (a C row segment stays in L1) and K (a B tile stays in L2); the inner loop runs over contiguous
 * columns of B and C with four rows of B per pass, which the JIT turns into SIMD. Work is split over rows of C,
 * or over column blocks when C has few rows.
 */
final class Gemm {
    private static final int NB = 512;
    private static final int KB = 128;
    /** Below this many multiply-accumulates a call stays on one thread. */
    private static final long PARALLEL_MIN_MACS = 1L << 16;

    private Gemm() {
    }

    /** Operands of one product: A is M x K (leading dimension lda), B is K x N (ldb), C is M x N (ldc). */
    record Dims(int m, int n, int k, int lda, int ldb, int ldc) {
        static Dims dense(int m, int n, int k) {
            return new Dims(m, n, k, k, n, n);
        }
    }

    static void fp32(Dims d, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, Parallel par) {
        split(d, par, (m0, m1, n0, n1) -> fp32Block(d, a, aOff, b, bOff, c, cOff, m0, m1, n0, n1));
    }

    static void int32(Dims d, int[] a, int aOff, int[] b, int bOff, int[] c, int cOff, Parallel par) {
        split(d, par, (m0, m1, n0, n1) -> int32Block(d, a, aOff, b, bOff, c, cOff, m0, m1, n0, n1));
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

    private static void fp32Block(Dims d, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                                  int m0, int m1, int n0, int n1) {
        int lda = d.lda();
        int ldb = d.ldb();
        int ldc = d.ldc();
        for (int nb = n0; nb < n1; nb += NB) {
            int ne = Math.min(n1, nb + NB);
            for (int kb = 0; kb < d.k(); kb += KB) {
                int ke = Math.min(d.k(), kb + KB);
                for (int m = m0; m < m1; m++) {
                    int ai = aOff + m * lda;
                    int ci = cOff + m * ldc;
                    int k = kb;
                    for (; k + 3 < ke; k += 4) {
                        float a0 = a[ai + k];
                        float a1 = a[ai + k + 1];
                        float a2 = a[ai + k + 2];
                        float a3 = a[ai + k + 3];
                        int b0 = bOff + k * ldb;
                        int b1 = b0 + ldb;
                        int b2 = b1 + ldb;
                        int b3 = b2 + ldb;
                        for (int n = nb; n < ne; n++) {
                            c[ci + n] += a0 * b[b0 + n] + a1 * b[b1 + n] + a2 * b[b2 + n] + a3 * b[b3 + n];
                        }
                    }
                    for (; k < ke; k++) {
                        float a0 = a[ai + k];
                        int b0 = bOff + k * ldb;
                        for (int n = nb; n < ne; n++) {
                            c[ci + n] += a0 * b[b0 + n];
                        }
                    }
                }
            }
        }
    }

    private static void int32Block(Dims d, int[] a, int aOff, int[] b, int bOff, int[] c, int cOff,
                                   int m0, int m1, int n0, int n1) {
        int lda = d.lda();
        int ldb = d.ldb();
        int ldc = d.ldc();
        for (int nb = n0; nb < n1; nb += NB) {
            int ne = Math.min(n1, nb + NB);
            for (int kb = 0; kb < d.k(); kb += KB) {
                int ke = Math.min(d.k(), kb + KB);
                for (int m = m0; m < m1; m++) {
                    int ai = aOff + m * lda;
                    int ci = cOff + m * ldc;
                    int k = kb;
                    for (; k + 3 < ke; k += 4) {
                        int a0 = a[ai + k];
                        int a1 = a[ai + k + 1];
                        int a2 = a[ai + k + 2];
                        int a3 = a[ai + k + 3];
                        int b0 = bOff + k * ldb;
                        int b1 = b0 + ldb;
                        int b2 = b1 + ldb;
                        int b3 = b2 + ldb;
                        for (int n = nb; n < ne; n++) {
                            c[ci + n] += a0 * b[b0 + n] + a1 * b[b1 + n] + a2 * b[b2 + n] + a3 * b[b3 + n];
                        }
                    }
                    for (; k < ke; k++) {
                        int a0 = a[ai + k];
                        int b0 = bOff + k * ldb;
                        for (int n = nb; n < ne; n++) {
                            c[ci + n] += a0 * b[b0 + n];
                        }
                    }
                }
            }
        }
    }
}
