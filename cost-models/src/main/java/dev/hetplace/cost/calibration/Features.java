package dev.hetplace.cost.calibration;

import java.util.List;

/** The shape features the fits use. */
final class Features {
    /** Output tile of the implicit GEMM: rows x output channels. */
    static final int TILE_ROWS = 128;
    static final int TILE_COLS = 64;

    private Features() {
    }

    static double macs(KernelShape s) {
        return Math.max(1, s.macs());
    }

    static double bytes(KernelShape s, int bytesPerElement) {
        return Math.max(1, s.bytes(bytesPerElement));
    }

    static double reduction(KernelShape s) {
        return Math.max(1, s.reduction());
    }

    static double depthwise(KernelShape s) {
        return s.depthwise() ? 1 : 0;
    }

    static double dense(KernelShape s) {
        return s.op().equals(KernelShape.DENSE) ? 1 : 0;
    }

    /** 1 for a conv that runs as an implicit GEMM (not depthwise): the library call of its own it pays for. */
    static double gemmConv(KernelShape s) {
        return s.op().equals(KernelShape.CONV2D) && !s.depthwise() ? 1 : 0;
    }

    static double strided(KernelShape s) {
        return s.stride() > 1 ? 1 : 0;
    }

    /**
     * MACs as a tiled GEMM on a GPU executes them: the output is cut into 128x64 tiles, one per multiprocessor runs
     * at a time, so the time follows whole waves of whole tiles times the reduction length. Kernels that are no
     * tiled GEMM keep their plain MACs: depthwise convs, and dense layers unless {@code gemmCore} (a framework runs
     * them through its own matrix-vector path; the {@code _gemm} columns time them as the same GEMM).
     */
    static double waveMacs(KernelShape s, int multiprocessors, boolean gemmCore) {
        if (s.depthwise() || (!gemmCore && s.op().equals(KernelShape.DENSE))) {
            return s.macs();
        }
        long tiles = ceilDiv(s.gemmRows(), TILE_ROWS) * ceilDiv(s.cout(), TILE_COLS);
        double waves = ceilDiv(tiles, multiprocessors);
        return waves * multiprocessors * TILE_ROWS * TILE_COLS * s.reduction();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    static double rmsLogError(LatencyFit fit, List<Sample> samples) {
        double sum = 0;
        for (Sample s : samples) {
            double e = Math.log(fit.predictUs(s.shape()) / s.us());
            sum += e * e;
        }
        return Math.sqrt(sum / samples.size());
    }
}
