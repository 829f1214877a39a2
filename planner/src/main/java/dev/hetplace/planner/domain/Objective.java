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
}
