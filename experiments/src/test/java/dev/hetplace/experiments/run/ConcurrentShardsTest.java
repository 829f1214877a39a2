package dev.hetplace.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.experiments.cli.SweepCommand;
import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.experiments.spec.SweepSpec;
import dev.hetplace.experiments.spec.SweepSpecReader;
import dev.hetplace.experiments.testing.ShardProcessMain;
import dev.hetplace.experiments.testing.Specs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards run the way a Kubernetes Indexed Job or a Slurm array runs them: three {@code sweep run} JVMs at once on
 * one shared {@code --out}, each taking its index from the environment; one is killed with SIGKILL midway and run
 * again (as the engine retries it, here under Slurm's variables); the merge equals the same spec run unsharded,
 * plan for plan.
 */
@Tag("processes")
class ConcurrentShardsTest {
    /** lenet on pynq-z1: 3 VTA sizes x 2 CPU thread counts x 3 budgets x with and without --tvm-compatible. */
    private static final String SPEC = """
            {"schemaVersion": 1, "name": "shards", "models": ["lenet"], "platforms": ["pynq-z1"],
             "zipped": [{"devices.vta.logBlockIn": [3, 4, 5], "devices.vta.logBlockOut": [3, 4, 5]}],
             "overrides": {"devices.cpu.threads": [1, 2]}, "minSqnrDb": [null, 20, 30],
             "tvmCompatible": [false, true]}
            """;
    private static final int SHARDS = 3;

    private static Process shard(Path spec, Path out, Map<String, String> env, List<String> extra, Path log)
            throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xss16m", "-Dsweep.test.delayMs=120", "-cp",
                System.getProperty("java.class.path"), ShardProcessMain.class.getName(), "run", spec.toString(),
                "--out", out.toString(), "--resume", "--threads", "1"));
        cmd.addAll(extra);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JOB_COMPLETION_INDEX");
        pb.environment().keySet().removeIf(k -> k.startsWith("SLURM_"));
        pb.environment().putAll(env);
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void concurrentShardsOneKilledAndRerunMergeToTheUnshardedRows(@TempDir Path tmp) throws Exception {
        Path specFile = Specs.write(tmp, "shards.json", SPEC);
        SweepSpec spec = SweepSpecReader.read(specFile);
        assertThat(spec.runs()).hasSize(36);
        Path out = tmp.resolve("out");

        List<Process> procs = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            // a Kubernetes Indexed Job: the index from the environment, the count from the manifest's args
            procs.add(shard(specFile, out, Map.of("JOB_COMPLETION_INDEX", Integer.toString(i)),
                    List.of("--shard-count", Integer.toString(SHARDS)), tmp.resolve("shard" + i + ".log")));
        }
        Path victimDir = out.resolve(new Shard(1, SHARDS).directoryName());
        Path victimRows = victimDir.resolve(ResultStore.JSONL);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines(victimRows) < 3 && procs.get(1).isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(procs.get(1).isAlive()).as("shard 1 still running when it is killed").isTrue();

        // a second writer on the live shard's directory is refused with one line
        StringWriter err = new StringWriter();
        int second = SweepCommand.run(new String[] {"run", specFile.toString(), "--out", out.toString(), "--resume",
            "--shard", "1/3"}, new PrintWriter(new StringWriter()), new PrintWriter(err), PlannerRuns::new, Map.of());
        assertThat(second).isEqualTo(2);
        assertThat(err.toString().trim()).isEqualTo("sweep: " + victimDir + ": another sweep is writing this "
                + "directory (it holds .sweep.lock); wait for it to end or choose another --out");

        procs.get(1).destroyForcibly();
        assertThat(procs.get(1).waitFor(30, TimeUnit.SECONDS)).isTrue();
        int beforeKill = ResultFile.read(victimRows).unique().size();
        assertThat(beforeKill).as("rows shard 1 wrote before the kill").isBetween(3, 11);
        for (int i : new int[] {0, 2}) {
            assertThat(procs.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(procs.get(i).exitValue()).as(Files.readString(tmp.resolve("shard" + i + ".log"))).isZero();
        }

        // the engine runs the killed task again: a Slurm array numbered from 1, task 2 is shard 1
        Process rerun = shard(specFile, out, Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "1",
                "SLURM_ARRAY_TASK_MAX", "3", "SLURM_ARRAY_TASK_COUNT", "3"), List.of(), tmp.resolve("rerun.log"));
        assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String rerunLog = Files.readString(tmp.resolve("rerun.log"));
        assertThat(rerun.exitValue()).as(rerunLog).isZero();
        assertThat(rerunLog).contains("12 in shard 1/3, " + beforeKill + " already done; ran " + (12 - beforeKill));
        assertThat(ResultFile.read(victimRows).rows()).extracting(RunRow::hash).doesNotHaveDuplicates().hasSize(12);

        Path merged = tmp.resolve("merged");
        ResultMerge.Summary m = ResultMerge.merge(List.of(out), merged);
        assertThat(m.added()).isEqualTo(36);
        assertThat(m.duplicates()).isZero();

        Path unsharded = tmp.resolve("unsharded");
        Sweep.run(spec, new Sweep.Options(unsharded, false, false, Shard.ALL, 2), new PlannerRuns(),
                Progress.silent(), "test", "abc");
        List<RunRow> mergedRows = ResultFile.read(merged.resolve(ResultStore.JSONL)).rows();
        List<RunRow> reference = ResultFile.read(unsharded.resolve(ResultStore.JSONL)).rows();
        assertThat(mergedRows).extracting(RunRow::hash).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(spec.runs().stream().map(RunSpec::hash).toList());
        ResultComparison.Result c = ResultComparison.compare(mergedRows, reference);
        assertThat(c.common()).isEqualTo(36);
        assertThat(c.differences()).isEmpty();
        assertThat(mergedRows).filteredOn(RunRow::ok).as("placed runs (lenet has no TVM-compatible plan)").hasSize(18);
    }

    private static long lines(Path p) throws Exception {
        if (!Files.exists(p)) {
            return 0;
        }
        try (var s = Files.lines(p)) {
            return s.count();
        }
    }
}
