package dev.hetplace.planner.domain;
import java.util.Locale;

/**
 * {@code LATENCY}: one input at a time, devices take turns, so group and crossing times add up.
 * {@code THROUGHPUT}: inputs stream through and devices work in parallel on different inputs, so the busiest
 * device (its groups, the conversions it performs and the transfers it takes part in) bounds the rate.
 */
public enum Objective {
    LATENCY, THROUGHPUT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code latency} or {@code throughput}, in any case. */
    public static Objective parse(String s) {
        for (Objective o : values()) {
            if (o.id().equals(s.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException("--objective must be latency or throughput, got '" + s + "'");
    }
}
