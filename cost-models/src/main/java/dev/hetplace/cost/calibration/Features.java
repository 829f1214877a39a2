package dev.hetplace.cost.calibration;

/** The shape features the fits use, at a storage size per element. */
final class Features {
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

    static double strided(KernelShape s) {
        return s.stride() > 1 ? 1 : 0;
    }

    /** Output tile of the implicit GEMM (rows x output channels) and the concurrent tiles of one wave. */
    static final int TILE_ROWS = 128;
    static final int TILE_COLS = 64;
    static final int TILES_PER_WAVE = 132;

    /**
     * MACs as a tiled GEMM executes them: the output is cut into 128x64 tiles, 132 run at once (one per streaming
     * multiprocessor of an H100/H200), so the time follows whole waves of whole tiles times the reduction length.
     * A depthwise kernel is no GEMM and keeps its plain MACs.
     */
    static double waveMacs(KernelShape s) {
        if (s.depthwise()) {
            return s.macs();
        }
        long tiles = ceilDiv(s.gemmRows(), TILE_ROWS) * ceilDiv(s.cout(), TILE_COLS);
        double waves = ceilDiv(tiles, TILES_PER_WAVE);
        return waves * TILES_PER_WAVE * TILE_ROWS * TILE_COLS * s.reduction();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    static double rmsLogError(LatencyFit fit, java.util.List<Sample> samples) {
        double sum = 0;
        for (Sample s : samples) {
            double e = Math.log(fit.predictUs(s.shape()) / s.us());
            sum += e * e;
        }
        return Math.sqrt(sum / samples.size());
    }
}
