package dev.hetplace.backends.exec;

import java.util.List;

/** The graph outputs of one execution (float, dequantized, in graph output order) and per-group statistics. */
public record ExecutionResult(List<float[]> outputs, List<GroupStats> groups) {
    public ExecutionResult {
        outputs = List.copyOf(outputs);
        groups = List.copyOf(groups);
    }

    public float[] output(int i) {
        return outputs.get(i);
    }

    public long totalNs() {
        return groups.stream().mapToLong(GroupStats::totalNs).sum();
    }
}
