package dev.hetplace.experiments.run;

import dev.hetplace.experiments.spec.SweepSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * A sweep invocation: the spec's runs in this shard that its results directory does not hold yet, run and
 * appended. An unsharded sweep writes {@code --out} itself; shard {@code i/n} writes its own directory under it
 * ({@link Shard#directory}), so the tasks of a Slurm array or Kubernetes indexed job can share one {@code --out}.
 * The directory is locked while the sweep writes it and records which spec and shard it belongs to
 * ({@link DirectoryIdentity}).
 */
public final class Sweep {
    public static final String SPEC_COPY = DirectoryIdentity.SPEC_FILE;

    /** What to run and where: output directory, resume, retry failed runs, shard, threads. */
    public record Options(Path out, boolean resume, boolean retryFailed, Shard shard, int threads) {
        /** The directory this invocation writes. */
        public Path directory() {
            return shard.directory(out);
        }
    }

    private Sweep() {
    }

    public static SweepSummary run(SweepSpec spec, Options o, RunFunction function, Progress progress,
                                   String version, String gitCommit) throws InterruptedException {
        return run(spec, o, function, progress, version, gitCommit, ResultStore.Opener.FILES);
    }

    public static SweepSummary run(SweepSpec spec, Options o, RunFunction function, Progress progress,
                                   String version, String gitCommit, ResultStore.Opener io)
            throws InterruptedException {
        long t0 = System.nanoTime();
        Path dir = o.directory();
        try (ResultStore store = ResultStore.open(dir, o.resume() || o.retryFailed(),
                DirectoryIdentity.of(spec, o.shard()), spec.source(), io)) {
            Set<String> done = store.doneHashes(o.retryFailed());
            List<IndexedRun> todo = new ArrayList<>();
            int inShard = 0;
            BitSet mine = ShardAssignment.runsOf(spec.runs(), o.shard());
            for (int i = mine.nextSetBit(0); i >= 0; i = mine.nextSetBit(i + 1)) {
                inShard++;
                IndexedRun r = new IndexedRun(i, spec.runs().get(i));
                if (!done.contains(r.hash())) {
                    todo.add(r);
                }
            }
            SweepRunner runner = new SweepRunner(function, o.threads(), progress, version, gitCommit);
            CountingStore counting = new CountingStore();
            runner.run(todo, store, counting);
            SweepSummary summary = new SweepSummary(dir, spec.runs().size(), inShard, inShard - todo.size(),
                    counting.ran, counting.failed, counting.infeasible, store.droppedLines(), store.tornBytes(),
                    System.nanoTime() - t0);
            SweepLog.append(dir, new SweepLog.Entry(java.time.Instant.now().toString(), spec.name(),
                    o.shard().toString(), o.threads(), Runtime.getRuntime().availableProcessors(),
                    summary.ran(), summary.skipped(), summary.failed(), summary.infeasible(),
                    summary.wallNanos() / 1_000_000, summary.placementsPerSecond(), gitCommit, version));
            return summary;
        }
    }

    /** Tallies the rows appended by this invocation. */
    static final class CountingStore implements java.util.function.Consumer<RunRow> {
        int ran;
        int failed;
        int infeasible;

        @Override
        public synchronized void accept(RunRow r) {
            ran++;
            if (r.status() == RunStatus.FAILED) {
                failed++;
            } else if (r.status() == RunStatus.INFEASIBLE) {
                infeasible++;
            }
        }
    }
}
