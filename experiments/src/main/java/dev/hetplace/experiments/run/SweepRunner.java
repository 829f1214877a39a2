package dev.hetplace.experiments.run;

import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.experiments.spec.SpecKeys;
import dev.hetplace.planner.domain.NoFeasiblePlanException;
import dev.hetplace.planner.provenance.BuildInfo;
import dev.hetplace.planner.provenance.Provenance;
import dev.hetplace.planner.setting.SettingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a list of runs on a fixed thread pool and appends each finished one to a {@link ResultStore}. Runs with the
 * same {@link RunFunction#affinity} form one task that a single thread works through in order. A run that throws is
 * recorded with its error on one line and the sweep goes on; an interrupted sweep stops after the runs in flight,
 * and so does one whose results cannot be written (the store's error is rethrown).
 */
public final class SweepRunner {
    private final RunFunction function;
    private final int threads;
    private final Progress progress;
    private final String version;
    private final String gitCommit;

    public SweepRunner(RunFunction function, int threads, Progress progress, String version, String gitCommit) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        this.function = function;
        this.threads = threads;
        this.progress = progress;
        this.version = version;
        this.gitCommit = gitCommit;
    }

    /** Runs {@code runs} (already filtered to the shard and to what is not done) and appends their rows. */
    public void run(List<IndexedRun> runs, ResultStore store) throws InterruptedException {
        run(runs, store, row -> { });
    }

    /** As above, also handing every appended row to {@code listener}. */
    public void run(List<IndexedRun> runs, ResultStore store, java.util.function.Consumer<RunRow> listener)
            throws InterruptedException {
        Map<Object, List<IndexedRun>> tasks = new LinkedHashMap<>();
        for (IndexedRun r : runs) {
            tasks.computeIfAbsent(function.affinity(r.run()), k -> new ArrayList<>()).add(r);
        }
        progress.start(runs.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<IndexedRun> task : tasks.values()) {
                futures.add(pool.submit(() -> {
                    for (IndexedRun r : task) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        RunRow row = runOne(r);
                        store.append(row);
                        listener.accept(row);
                        progress.finished(row);
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    if (e.getCause() instanceof java.io.UncheckedIOException io) {
                        throw io; // the results could not be written (a full disk): one line, exit 2
                    }
                    throw new IllegalStateException("a sweep worker stopped: " + e.getCause(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            throw e;
        } finally {
            pool.shutdown();
            progress.end();
        }
    }

    /** One run, timed; every failure becomes a row. */
    public RunRow runOne(IndexedRun r) {
        RunSpec spec = r.run();
        long t0 = System.nanoTime();
        Outcome outcome = null;
        RunStatus status = RunStatus.OK;
        String error = null;
        try {
            outcome = function.apply(spec);
        } catch (NoFeasiblePlanException e) {
            status = RunStatus.INFEASIBLE;
            error = oneLine(e);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            status = RunStatus.FAILED;
            error = oneLine(e);
        }
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        Provenance prov = new Provenance(version, gitCommit, BuildInfo.javaVersion(), spec.seed(),
                outcome == null ? null : outcome.modelHash(), outcome == null ? null : outcome.profileHash(), wallMs,
                BuildInfo.timefoldVersion());
        return new RunRow(r.hash(), r.index(), spec, status, error, outcome, prov);
    }

    /** The refusal or failure as the row's one-line {@code error}, settings named by the spec's keys. */
    static String oneLine(Throwable e) {
        String msg = SettingException.message(e, SpecKeys.WORDING);
        String text = msg == null || msg.isBlank() ? e.getClass().getSimpleName()
                : (e instanceof IllegalArgumentException || e instanceof NoFeasiblePlanException ? msg
                : e.getClass().getSimpleName() + ": " + msg);
        return text.replaceAll("\\s+", " ").trim();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "sweep-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
