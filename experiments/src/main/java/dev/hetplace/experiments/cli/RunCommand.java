package dev.hetplace.experiments.cli;

import dev.hetplace.experiments.run.Progress;
import dev.hetplace.experiments.run.ResultStore;
import dev.hetplace.experiments.run.Shard;
import dev.hetplace.experiments.run.Sweep;
import dev.hetplace.experiments.run.SweepSummary;
import dev.hetplace.experiments.spec.SweepSpec;
import dev.hetplace.experiments.spec.SweepSpecReader;
import dev.hetplace.planner.provenance.BuildInfo;
import dev.hetplace.planner.run.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code sweep run SPEC --out DIR}: runs every run of the spec not yet in DIR, appending each as it finishes. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a sweep spec on all local cores, appending each finished run to DIR/results.jsonl and "
                + "DIR/results.csv.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    SweepCommand parent;

    @Parameters(index = "0", paramLabel = "SPEC", description = "sweep spec (JSON, schemaVersion 1)")
    Path specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "results directory")
    Path out;

    @Option(names = "--resume", description = "continue a sweep: skip runs whose hash DIR already holds")
    boolean resume;

    @Option(names = "--retry-failed", description = "with --resume, run failed runs again (implies --resume)")
    boolean retryFailed;

    @Option(names = "--shard", paramLabel = "i/n", description = "run only the i-th of n equal slices of the runs "
            + "(runs sharing a cost table stay together), into DIR/shard-i-of-n (default: from JOB_COMPLETION_INDEX "
            + "or SLURM_ARRAY_TASK_ID when set)")
    String shard;

    @Option(names = "--shard-count", paramLabel = "N", description = "number of shards, with the index from "
            + "JOB_COMPLETION_INDEX (a Kubernetes Indexed Job: its completions) or SLURM_ARRAY_TASK_ID")
    Integer shardCount;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all local cores)")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Shard s = JobShard.resolve(shard, shardCount, parent.environment());
        SweepSpec sweep = SweepSpecReader.read(specFile);
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        }
        SweepSummary sum = Sweep.run(sweep, new Sweep.Options(out, resume, retryFailed, s, n),
                parent.runFunction(), Progress.standard(), BuildInfo.version(), BuildInfo.commit());
        Path jsonl = sum.directory().resolve(ResultStore.JSONL);
        if (sum.tornBytes() > 0) {
            err.println("sweep: " + jsonl + ": cut off a torn last line (" + sum.tornBytes()
                    + " bytes, left by a killed sweep or a full disk); its run ran again");
        }
        int damaged = sum.droppedLines() - (sum.tornBytes() > 0 ? 1 : 0);
        if (damaged > 0) {
            err.println("sweep: " + jsonl + ": dropped " + damaged
                    + " unreadable line(s) (left in place; their runs are run again)");
        }
        stdout.println(String.format(Locale.ROOT, "sweep %s: %d runs in the spec, %d in shard %d/%d, %d already "
                        + "done; ran %d (%d failed, %d infeasible) in %.1f s, %.2f placements/s; results in %s",
                sweep.name(), sum.specRuns(), sum.shardRuns(), s.index(), s.count(), sum.skipped(), sum.ran(),
                sum.failed(), sum.infeasible(), sum.wallNanos() / 1e9, sum.placementsPerSecond(), sum.directory()));
        stdout.flush();
        return ExitCodes.OK;
    }
}
