package dev.hetplace.backends.measure;

import java.util.Locale;

/**
 * How a latency was timed: {@code EAGER}, each call launched on its own (includes per-call dispatch, the only way
 * a CPU layer is timed), or {@code GRAPH}, CUDA-graph replay (kernel time without launch gaps).
 */
public enum Timing {
    EAGER, GRAPH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code eager} / {@code graph}; null for anything else. */
    static Timing parseOrNull(String s) {
        for (Timing t : values()) {
            if (t.id().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
