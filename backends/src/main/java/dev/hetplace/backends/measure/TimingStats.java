package dev.hetplace.backends.measure;

import java.util.Arrays;

/** The median and 10th / 90th percentiles (nearest rank) of repeated timings, in microseconds. */
public record TimingStats(double medianUs, double p10Us, double p90Us, int repeats) {

    public static TimingStats of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no timings");
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        return new TimingStats(percentile(s, 50), percentile(s, 10), percentile(s, 90), s.length);
    }

    /** Nearest-rank percentile; the median of an even count is the mean of the middle two. */
    private static double percentile(long[] sorted, int pct) {
        int n = sorted.length;
        if (pct == 50) {
            return (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0) / 1000.0;
        }
        int rank = (int) Math.ceil(pct / 100.0 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1000.0;
    }
}
