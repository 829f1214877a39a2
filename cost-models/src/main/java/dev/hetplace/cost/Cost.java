package dev.hetplace.cost;

/**
 * The price of one group on one choice: total nanoseconds (never less than 0), the breakdown, the source and a
 * short human note (e.g. the VTA tiling, "exact lookup", the fitted model).
 */
public record Cost(long timeNs, Breakdown breakdown, CostSource source, String note) {
    /**
     * The most one group or one crossing step may cost: 10^15 ns (about 11.6 days). Past it the figures that
     * priced it are out of range, and sums over a plan could overflow a long.
     */
    public static final long MAX_NS = 1_000_000_000_000_000L;

    public Cost {
        if (timeNs < 0) {
            throw new IllegalArgumentException("negative cost " + timeNs);
        }
        if (timeNs > MAX_NS) {
            throw new CostOutOfRangeException(timeNs);
        }
    }
}
