package dev.hetplace.experiments.run;

/**
 * How a sweep invocation went: runs in the spec, in this shard, skipped as already done, run now, and of those how
 * many failed or were infeasible; unreadable lines found on resume; wall time, and placements per second.
 */
public record SweepSummary(int specRuns, int shardRuns, int skipped, int ran, int failed, int infeasible,
                           int droppedLines, long wallNanos) {
    public double placementsPerSecond() {
        return wallNanos <= 0 ? 0 : ran / (wallNanos / 1e9);
    }
}
