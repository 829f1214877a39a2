package dev.hetplace.experiments.run;

import dev.hetplace.planner.domain.Evaluation;

/** Where a plan's latency goes, in nanoseconds: group compute, transfers, casts and layout changes. */
public record LatencySplit(long groupNs, long transferNs, long castNs, long layoutNs) {
    public static LatencySplit of(Evaluation e) {
        return new LatencySplit(e.groupNs(), e.transferNs(), e.castNs(), e.layoutNs());
    }

    public long totalNs() {
        return groupNs + transferNs + castNs + layoutNs;
    }
}
