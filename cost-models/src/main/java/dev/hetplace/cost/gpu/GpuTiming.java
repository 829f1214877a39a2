package dev.hetplace.cost.gpu;

import java.util.Locale;

/**
 * How a GPU's kernels are launched: {@code EAGER} dispatches each layer on its own (PyTorch eager; the default),
 * {@code GRAPH} replays a CUDA graph, which removes the launch gaps.
 */
public enum GpuTiming {
    EAGER, GRAPH;

    /** The timing column of the measurement tables. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GpuTiming parse(String s) {
        for (GpuTiming t : values()) {
            if (t.id().equals(s.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown GPU timing '" + s + "' (known: eager, graph)");
    }
}
