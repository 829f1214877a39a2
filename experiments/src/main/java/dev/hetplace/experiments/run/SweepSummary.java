package dev.hetplace.experiments.run;

import java.nio.file.Path;

/**
 * How a sweep invocation went: the directory it wrote, runs in the spec, in this shard, skipped as already done,
 * run now, and of those how many failed or were infeasible; unreadable lines found on resume and the bytes of a torn
 * last line cut off; wall time, and placements per second.
 */
public record SweepSummary(Path directory, int specRuns, int shardRuns, int skipped, int ran, int failed,
                           int infeasible, int droppedLines, long tornBytes, long wallNanos) {
    public double placementsPerSecond() {
        return wallNanos <= 0 ? 0 : ran / (wallNanos / 1e9);
    }
}
