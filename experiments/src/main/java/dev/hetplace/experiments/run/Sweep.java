package dev.hetplace.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hetplace.experiments.spec.SweepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A sweep invocation: the spec's runs in this shard that the output directory does not hold yet, run and appended.
 * The directory keeps a copy of the spec ({@code spec.json}, written once) so reports and resumes know what it was.
 */
public final class Sweep {
    public static final String SPEC_COPY = "spec.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What to run and where: output directory, resume, retry failed runs, shard, threads. */
    public record Options(Path out, boolean resume, boolean retryFailed, Shard shard, int threads) {
    }

    private Sweep() {
    }

    public static SweepSummary run(SweepSpec spec, Options o, RunFunction function, Progress progress,
                                   String version, String gitCommit) throws InterruptedException {
        long t0 = System.nanoTime();
        try (ResultStore store = ResultStore.open(o.out(), o.resume() || o.retryFailed())) {
            writeSpecCopy(spec, o.out());
            Set<String> done = store.doneHashes(o.retryFailed());
            List<IndexedRun> todo = new ArrayList<>();
            int inShard = 0;
            for (int i = 0; i < spec.runs().size(); i++) {
                if (!o.shard().contains(i)) {
                    continue;
                }
                inShard++;
                IndexedRun r = new IndexedRun(i, spec.runs().get(i));
                if (!done.contains(r.hash())) {
                    todo.add(r);
                }
            }
            SweepRunner runner = new SweepRunner(function, o.threads(), progress, version, gitCommit);
            CountingStore counting = new CountingStore();
            runner.run(todo, store, counting);
            SweepSummary summary = new SweepSummary(spec.runs().size(), inShard, inShard - todo.size(), counting.ran,
                    counting.failed, counting.infeasible, store.droppedLines(), System.nanoTime() - t0);
            SweepLog.append(o.out(), new SweepLog.Entry(java.time.Instant.now().toString(), spec.name(),
                    o.shard().index() + "/" + o.shard().count(), o.threads(), Runtime.getRuntime().availableProcessors(),
                    summary.ran(), summary.skipped(), summary.failed(), summary.infeasible(),
                    summary.wallNanos() / 1_000_000, summary.placementsPerSecond(), gitCommit, version));
            return summary;
        }
    }

    private static void writeSpecCopy(SweepSpec spec, Path dir) {
        Path p = dir.resolve(SPEC_COPY);
        if (Files.exists(p)) {
            return;
        }
        try {
            Files.writeString(p, MAPPER.writeValueAsString(spec.document()) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
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
