package dev.hetplace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.experiments.run.ResultFile;
import dev.hetplace.experiments.run.ResultStore;
import dev.hetplace.experiments.testing.Specs;
import dev.hetplace.experiments.testing.SyntheticRuns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shard index as Kubernetes and Slurm give it, and merges refused with one line and nothing written. */
class ShardedSweepCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sweep(Map<String, String> env, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return SweepCommand.run(args, new PrintWriter(out), new PrintWriter(err), SyntheticRuns::new, env);
    }

    private String error() {
        String e = err.toString();
        assertThat(e).endsWith("\n").doesNotContain("\tat ");
        assertThat(e.trim()).doesNotContain("\n");
        return e.trim();
    }

    @Test
    void aKubernetesIndexedJobGivesTheIndexAndTheManifestTheCount(@TempDir Path tmp) {
        Path spec = Specs.write(tmp, "tiny.json", Specs.TWENTY_FOUR);
        Path o = tmp.resolve("o");
        for (int i = 0; i < 3; i++) {
            assertThat(sweep(Map.of("JOB_COMPLETION_INDEX", Integer.toString(i)), "run", spec.toString(), "--out",
                    o.toString(), "--resume", "--shard-count", "3")).isZero();
            assertThat(out.toString()).contains("8 in shard " + i + "/3");
        }
        assertThat(sweep(Map.of(), "merge", o.toString(), "--out", tmp.resolve("m").toString())).isZero();
        assertThat(ResultFile.read(tmp.resolve("m").resolve(ResultStore.JSONL)).unique()).hasSize(24);
    }

    @Test
    void aSlurmArrayStartingAtOneNumbersItsShardsFromZero(@TempDir Path tmp) throws Exception {
        Path spec = Specs.write(tmp, "tiny.json", Specs.TWENTY_FOUR);
        Path o = tmp.resolve("o");
        for (int id = 1; id <= 4; id++) {
            assertThat(sweep(Map.of("SLURM_ARRAY_TASK_ID", Integer.toString(id), "SLURM_ARRAY_TASK_MIN", "1",
                    "SLURM_ARRAY_TASK_MAX", "4", "SLURM_ARRAY_TASK_COUNT", "4"), "run", spec.toString(), "--out",
                    o.toString(), "--resume")).isZero();
            assertThat(out.toString()).contains("6 in shard " + (id - 1) + "/4");
        }
        try (Stream<Path> s = Files.list(o)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("shard-0000-of-0004",
                    "shard-0001-of-0004", "shard-0002-of-0004", "shard-0003-of-0004");
        }
        // the engine retries task 2: it resumes its own directory and adds nothing
        assertThat(sweep(Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT",
                "4"), "run", spec.toString(), "--out", o.toString(), "--resume")).isZero();
        assertThat(out.toString()).contains("6 in shard 1/4, 6 already done; ran 0");
    }

    @Test
    void shardIndicesOutOfRangeOrInconsistentAreOneLineAndExitTwo(@TempDir Path tmp) {
        Path spec = Specs.write(tmp, "tiny.json", Specs.TWENTY_FOUR);
        String o = tmp.resolve("o").toString();
        Object[][] cases = {
            {Map.of("JOB_COMPLETION_INDEX", "3"), new String[] {"--shard-count", "3"},
                "sweep: JOB_COMPLETION_INDEX=3 is shard 3, out of range for --shard-count 3 (0 to 2)"},
            {Map.of("JOB_COMPLETION_INDEX", "1"), new String[] {},
                "sweep: JOB_COMPLETION_INDEX=1 is set (a Kubernetes Indexed Job) but not the number of shards: "
                    + "pass --shard-count N, N the Job's completions"},
            {Map.of("JOB_COMPLETION_INDEX", "x1"), new String[] {"--shard-count", "3"},
                "sweep: JOB_COMPLETION_INDEX=x1: not an integer"},
            {Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT", "4"),
                new String[] {}, "sweep: SLURM_ARRAY_TASK_ID=0 (minus SLURM_ARRAY_TASK_MIN=1) is shard -1, out of "
                    + "range for SLURM_ARRAY_TASK_COUNT=4 (0 to 3)"},
            {Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_COUNT", "4"), new String[] {},
                "sweep: SLURM_ARRAY_TASK_ID=4 (minus SLURM_ARRAY_TASK_MIN=0) is shard 4, out of range for "
                    + "SLURM_ARRAY_TASK_COUNT=4 (0 to 3)"},
            {Map.of("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "4"), new String[] {"--shard-count", "3"},
                "sweep: --shard-count 3 disagrees with SLURM_ARRAY_TASK_COUNT=4"},
            {Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "6",
                "SLURM_ARRAY_TASK_COUNT", "4", "SLURM_ARRAY_TASK_STEP", "2"), new String[] {},
                "sweep: SLURM_ARRAY_TASK_STEP=2: a Slurm array with a step does not number its shards one by one; "
                    + "submit --array=0-N-1 (step 1)"},
            {Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "5",
                "SLURM_ARRAY_TASK_COUNT", "3"), new String[] {},
                "sweep: the Slurm array has 3 tasks from 1 to 5 (SLURM_ARRAY_TASK_COUNT, SLURM_ARRAY_TASK_MIN, "
                    + "SLURM_ARRAY_TASK_MAX): its task ids have gaps; submit a contiguous --array=0-N-1"},
            {Map.of("SLURM_ARRAY_TASK_ID", "1", "JOB_COMPLETION_INDEX", "1"), new String[] {"--shard-count", "2"},
                "sweep: both JOB_COMPLETION_INDEX=1 and SLURM_ARRAY_TASK_ID=1 are set: pass --shard i/n to say "
                    + "which shard this is"},
            {Map.of(), new String[] {"--shard", "1/3", "--shard-count", "4"},
                "sweep: --shard 1/3 and --shard-count 4 disagree on the number of shards"},
            {Map.of(), new String[] {"--shard-count", "4"},
                "sweep: --shard-count 4 without a shard index: pass --shard i/4, or run under a Kubernetes Indexed "
                    + "Job (JOB_COMPLETION_INDEX) or a Slurm array (SLURM_ARRAY_TASK_ID)"},
            {Map.of(), new String[] {"--shard", "-1/3"}, "sweep: --shard must be i/n with 0 <= i < n, got -1/3"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Map<String, String> env = (Map<String, String>) c[0];
            String[] extra = (String[]) c[1];
            String[] args = Stream.concat(Stream.of("run", spec.toString(), "--out", o), Stream.of(extra))
                    .toArray(String[]::new);
            assertThat(sweep(env, args)).as(env + " " + String.join(" ", extra)).isEqualTo(2);
            assertThat(error()).isEqualTo(c[2]);
            assertThat(tmp.resolve("o")).doesNotExist();
        }
    }

    @Test
    void mergesOfOtherSpecsOrMissingDuplicateOrUnfinishedShardsAreRefusedAndWriteNothing(@TempDir Path tmp)
            throws Exception {
        Path spec = Specs.write(tmp, "tiny.json", Specs.TWENTY_FOUR);
        Path other = Specs.write(tmp, "other.json", Specs.TWENTY_FOUR.replace("[0, 1]", "[0, 2]"));
        Path a = tmp.resolve("a");
        for (int i = 0; i < 3; i++) {
            assertThat(sweep(Map.of(), "run", spec.toString(), "--out", a.toString(), "--shard", i + "/3")).isZero();
        }
        assertThat(sweep(Map.of(), "run", other.toString(), "--out", tmp.resolve("b").toString())).isZero();
        assertThat(sweep(Map.of(), "run", spec.toString(), "--out", tmp.resolve("c").toString(), "--shard", "0/2"))
                .isZero();
        Path m = tmp.resolve("m");
        Path s0 = a.resolve("shard-0000-of-0003");

        assertThat(sweep(Map.of(), "merge", a.toString(), tmp.resolve("b").toString(), "--out", m.toString()))
                .isEqualTo(2);
        assertThat(error()).isEqualTo("sweep: " + tmp.resolve("b").resolve("spec.json") + " is not the spec of "
                + s0.resolve("spec.json") + ": its 'seeds' differs: directories of different sweeps cannot be merged");

        assertThat(sweep(Map.of(), "merge", s0.toString(), a.resolve("shard-0002-of-0003").toString(), "--out",
                m.toString())).isEqualTo(2);
        assertThat(error()).isEqualTo("sweep: shard(s) 1 of 3 missing from the inputs (have 2): run them (sweep run "
                + "... --shard i/3 --resume) before merging");

        Path copy = tmp.resolve("copy").resolve("shard-0000-of-0003");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(s0)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(sweep(Map.of(), "merge", a.toString(), copy.toString(), "--out", m.toString())).isEqualTo(2);
        assertThat(error()).isEqualTo("sweep: " + copy + " and " + s0 + " are both shard 0/3: merge each shard once");

        assertThat(sweep(Map.of(), "merge", a.toString(), tmp.resolve("c").toString(), "--out", m.toString()))
                .isEqualTo(2);
        assertThat(error()).isEqualTo("sweep: " + tmp.resolve("c").resolve("shard-0000-of-0002")
                + ": shard 0/2 of 24 runs, but " + s0 + " is shard 0/3 of 24: shards of different splits cannot "
                + "be merged");

        Path jsonl = s0.resolve(ResultStore.JSONL);
        Files.write(jsonl, Files.readAllLines(jsonl).subList(0, 5));
        assertThat(sweep(Map.of(), "merge", a.toString(), "--out", m.toString())).isEqualTo(2);
        assertThat(error()).isEqualTo("sweep: " + s0 + ": shard 0/3 holds 5 of its 8 runs: finish it (sweep run ... "
                + "--resume) before merging");

        assertThat(sweep(Map.of(), "merge", tmp.resolve("nothing").toString(), "--out", m.toString())).isEqualTo(2);
        assertThat(error()).isEqualTo("sweep: " + tmp.resolve("nothing") + ": no results.jsonl and no "
                + "shard-*-of-* directories with one (not a sweep results directory)");
        assertThat(m).doesNotExist();

        assertThat(sweep(Map.of(), "run", spec.toString(), "--out", a.toString(), "--shard", "0/3", "--resume"))
                .isZero();
        assertThat(sweep(Map.of(), "merge", a.toString(), "--out", m.toString())).isZero();
        assertThat(ResultFile.read(m.resolve(ResultStore.JSONL)).rows()).hasSize(24);

        Path u = tmp.resolve("u");
        assertThat(sweep(Map.of(), "run", spec.toString(), "--out", u.toString())).isZero();
        assertThat(sweep(Map.of(), "compare", m.toString(), u.toString())).isZero();
        assertThat(out.toString().trim()).isEqualTo("sweep compare: 24 runs in both, 0 differ, 0 only in " + m
                + ", 0 only in " + u);
        assertThat(sweep(Map.of(), "compare", m.toString(), s0.toString())).as("a subset").isZero();
        assertThat(sweep(Map.of(), "compare", s0.toString(), m.toString())).isEqualTo(1);
        assertThat(out.toString()).startsWith("sweep compare: 8 runs in both, 0 differ, 0 only in " + s0
                + ", 16 only in " + m);
        Path uj = u.resolve(ResultStore.JSONL);
        Files.writeString(uj, Files.readString(uj).replaceFirst("\"objectiveNs\":1000000,", "\"objectiveNs\":999999,"));
        assertThat(sweep(Map.of(), "compare", m.toString(), u.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("24 runs in both, 1 differ").contains(": outcome.objectiveNs 1000000 vs "
                + "999999");
    }
}
