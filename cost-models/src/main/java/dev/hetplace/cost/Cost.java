package dev.hetplace.cost;

/**
 * The price of one group on one choice: total nanoseconds (never less than 0), the breakdown, the source and a
 * short human note (e.g. the VTA tiling, "exact lookup", the fitted model).
 */
public record Cost(long timeNs, Breakdown breakdown, CostSource source, String note) {
    public Cost {
        if (timeNs < 0) {
            throw new IllegalArgumentException("negative cost " + timeNs);
        }
    }
}
