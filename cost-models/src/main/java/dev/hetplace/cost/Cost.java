package dev.hetplace.cost;

/**
 * The price of one group on one choice: total nanoseconds (never less than 0), the breakdown, the source and a
 * short human note (e.g. the VTA tiling, "exact lookup", the fitted model). {@code fusedInto}: the group this
 * choice runs inside of (a residual add fused into the VTA conv before it: its price is what it adds to that
 * conv's, and it is feasible only where that group takes the same choice), or {@link #NOT_FUSED}.
 */
public record Cost(long timeNs, Breakdown breakdown, CostSource source, String note, int fusedInto) {
    public static final int NOT_FUSED = -1;

    /**
     * The most one group or one crossing step may cost: 10^15 ns (about 11.6 days). Past it the figures that
     * priced it are out of range, and sums over a plan could overflow a long.
     */
    public static final long MAX_NS = 1_000_000_000_000_000L;

    public Cost(long timeNs, Breakdown breakdown, CostSource source, String note) {
        this(timeNs, breakdown, source, note, NOT_FUSED);
    }

    public boolean fused() {
        return fusedInto != NOT_FUSED;
    }

    /** This price, fused into group {@code group} instead (the same shapes elsewhere in a graph). */
    public Cost withFusedInto(int group) {
        return new Cost(timeNs, breakdown, source, note, group);
    }

    public Cost {
        if (timeNs < 0) {
            throw new IllegalArgumentException("negative cost " + timeNs);
        }
        if (timeNs > MAX_NS) {
            throw new CostOutOfRangeException(timeNs);
        }
    }
}
