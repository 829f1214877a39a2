package dev.hetplace.cost.calibration;

import java.util.Locale;

/**
 * Leave-one-shape-out fidelity of one slice: over its {@code shapes} distinct shapes, each predicted by the model
 * fitted without it, the median and 90th-percentile absolute relative error, the measured max/min ratio and the
 * Spearman rank correlation of predicted against measured (NaN where the range is 3x or less, as the target
 * applies only above it).
 */
public record FidelityRow(String device, Slice slice, int shapes, double medianError, double p90Error,
                          double range, double spearman) {

    public static final double MEDIAN_TARGET = 0.25;
    public static final double SPEARMAN_TARGET = 0.9;
    public static final double SPEARMAN_MIN_RANGE = 3.0;

    public boolean spearmanComputed() {
        return !Double.isNaN(spearman);
    }

    public boolean meetsTargets() {
        return medianError <= MEDIAN_TARGET && (!spearmanComputed() || spearman >= SPEARMAN_TARGET);
    }

    public String format() {
        return String.format(Locale.ROOT, "%-4s %-10s b%-3d %-3s %-6s %3d  %6.1f%%  %6.1f%%  %7.1fx  %s  %s", device,
                slice.precision(), slice.batch(), slice.threads() > 0 ? "t" + slice.threads() : "-", slice.timing(),
                shapes, medianError * 100, p90Error * 100, range,
                spearmanComputed() ? String.format(Locale.ROOT, "%5.2f", spearman) : "    -",
                meetsTargets() ? "ok" : "MISSED");
    }
}
