package dev.hetplace.planner.domain;

import java.util.List;

/**
 * A plan's predicted figures, all integer nanoseconds (bytes, ppb): group time and the three crossing kinds
 * (summing to {@code latencyNs}), per-device busy time (groups, conversions, transfers it takes part in),
 * {@code bottleneckNs} = the busiest device, total noise, per-device memory, and the first hard constraint it
 * breaks ({@code null} when feasible).
 */
public record Evaluation(long groupNs, long transferNs, long castNs, long layoutNs, long latencyNs,
                         List<Long> busyNs, long bottleneckNs, long noisePpb, List<Long> memoryBytes,
                         Violation broken) {
    public Evaluation {
        busyNs = List.copyOf(busyNs);
        memoryBytes = List.copyOf(memoryBytes);
    }

    public boolean feasible() {
        return broken == null;
    }

    /** The broken constraint's sentence, null when feasible. */
    public String violation() {
        return broken == null ? null : broken.message();
    }

    public long objectiveNs(Objective o) {
        return o == Objective.LATENCY ? latencyNs : bottleneckNs;
    }

    public long crossingNs() {
        return transferNs + castNs + layoutNs;
    }
}
