package dev.hetplace.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.experiments.spec.SweepSpec;
import dev.hetplace.experiments.spec.SweepSpecReader;
import dev.hetplace.experiments.testing.Specs;
import dev.hetplace.experiments.testing.SyntheticRuns;
import dev.hetplace.planner.provenance.BuildInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
    private final SweepSpec spec = SweepSpecReader.parse(Specs.TWENTY_FOUR, "tiny.json");

    private SweepSummary run(Path out, boolean resume, Shard shard, RunFunction f) throws InterruptedException {
        return Sweep.run(spec, new Sweep.Options(out, resume, false, shard, 2), f, Progress.silent(), "test", "abc");
    }

    private static List<RunRow> rows(Path dir) {
        return ResultFile.read(dir.resolve(ResultStore.JSONL)).rows();
    }

    @Test
    void everyRunIsRecordedOnceFailuresAndInfeasibleRunsIncluded(@TempDir Path out) throws Exception {
        SweepSummary s = run(out, false, Shard.ALL, new SyntheticRuns());
        assertThat(s.ran()).isEqualTo(24);
        // budget 99 fails for 2 models x 2 tvm x 2 seeds; resnet18 with tvm is infeasible for budgets null and 30
        assertThat(s.failed()).isEqualTo(8);
        assertThat(s.infeasible()).isEqualTo(4);
        List<RunRow> rows = rows(out);
        assertThat(rows).extracting(RunRow::hash).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(spec.runs().stream().map(RunSpec::hash).toList());
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.provenance().gitCommit()).isEqualTo("abc");
            assertThat(r.provenance().seed()).isEqualTo(r.run().seed());
            assertThat(r.provenance().javaVersion()).isEqualTo(System.getProperty("java.version"));
            assertThat(r.provenance().timefoldVersion()).isEqualTo(BuildInfo.timefoldVersion()).isNotEqualTo("unknown");
        });
        assertThat(out.resolve(Sweep.SPEC_COPY)).exists();
        assertThat(SweepLog.read(out)).singleElement().satisfies(e -> assertThat(e.ran()).isEqualTo(24));
    }

    @Test
    void resumeRunsOnlyWhatIsMissing(@TempDir Path out) throws Exception {
        run(out, false, Shard.ALL, new SyntheticRuns());
        Path jsonl = out.resolve(ResultStore.JSONL);
        List<String> lines = java.nio.file.Files.readAllLines(jsonl);
        java.nio.file.Files.write(jsonl, lines.subList(0, 8));
        SweepSummary s = run(out, true, Shard.ALL, new SyntheticRuns());
        assertThat(s.skipped()).isEqualTo(8);
        assertThat(s.ran()).isEqualTo(16);
        assertThat(rows(out)).extracting(RunRow::hash).doesNotHaveDuplicates().hasSize(24);
        assertThat(run(out, true, Shard.ALL, new SyntheticRuns()).ran()).isZero();
    }

    @Test
    void retryFailedRunsFailedRunsAgainAndTheNewRowWins(@TempDir Path out) throws Exception {
        run(out, false, Shard.ALL, new SyntheticRuns());
        RunFunction healed = run -> new SyntheticRuns().apply(run.minSqnrDb() != null && run.minSqnrDb() == 99
                ? new RunSpec(run.model(), run.platform(), run.targets(), run.overrides(), run.objective(), 98.0,
                run.tvmCompatible(), run.solver(), run.seed(), run.batch(), run.precisions(), run.gpuTiming()) : run);
        SweepSummary s = Sweep.run(spec, new Sweep.Options(out, true, true, Shard.ALL, 2), healed, Progress.silent(),
                "test", "abc");
        assertThat(s.ran()).isEqualTo(8);
        ResultFile.Loaded l = ResultFile.read(out.resolve(ResultStore.JSONL));
        assertThat(l.rows()).hasSize(32);
        assertThat(l.unique()).hasSize(24).noneMatch(r -> r.status() == RunStatus.FAILED
                && r.run().minSqnrDb() == 99.0 && !r.run().model().equals("resnet18"));
    }

    @Test
    void shardsWriteTheirOwnDirectoriesAndMergeJoinsThemWithoutDuplicates(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            SweepSummary s = run(out, false, new Shard(i, 3), new SyntheticRuns());
            assertThat(s.directory()).isEqualTo(out.resolve("shard-000" + i + "-of-0003"));
            assertThat(rows(s.directory())).hasSize(8).allSatisfy(r -> assertThat(seen.add(r.index())).isTrue());
            assertThat(DirectoryIdentity.readShard(s.directory()))
                    .isEqualTo(new DirectoryIdentity.ShardFile(i, 3, 24));
        }
        Path merged = tmp.resolve("merged");
        ResultMerge.Summary s = ResultMerge.merge(List.of(out), merged);
        assertThat(s.added()).isEqualTo(24);
        assertThat(s.directories()).isEqualTo(3);
        ResultMerge.Summary again = ResultMerge.merge(List.of(out), merged);
        assertThat(again.added()).isZero();
        assertThat(again.duplicates()).isEqualTo(24);
        assertThat(rows(merged)).extracting(RunRow::hash).doesNotHaveDuplicates().hasSize(24);
        assertThat(merged.resolve(Sweep.SPEC_COPY)).exists();
        assertThat(merged.resolve(DirectoryIdentity.SHARD_FILE)).doesNotExist();
    }

    @Test
    void runsSharingAnAffinityRunInOrderOnOneThread(@TempDir Path out) throws Exception {
        Map<String, List<String>> threadsPerModel = new ConcurrentHashMap<>();
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        RunFunction byModel = new RunFunction() {
            @Override
            public Outcome apply(RunSpec run) {
                threadsPerModel.computeIfAbsent(run.model(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(Thread.currentThread().getName());
                order.add(spec.runs().indexOf(run));
                return new SyntheticRuns().apply(run);
            }

            @Override
            public Object affinity(RunSpec run) {
                return run.model();
            }
        };
        run(out, false, Shard.ALL, byModel);
        assertThat(threadsPerModel).hasSize(2);
        threadsPerModel.values().forEach(names -> assertThat(names).hasSize(12).containsOnly(names.get(0)));
        List<Integer> lenet = order.stream().filter(i -> i < 12).toList();
        assertThat(lenet).isSorted();
    }

    @Test
    void progressPrintsPlainLinesOffATerminal() {
        var bytes = new java.io.ByteArrayOutputStream();
        long[] now = {0};
        Progress p = new Progress(new java.io.PrintStream(bytes, true), false, 5_000_000_000L, () -> now[0]);
        SweepRunner r = new SweepRunner(new SyntheticRuns(), 1, Progress.silent(), "t", "c");
        p.start(3);
        now[0] = 1_000_000_000L;
        p.finished(r.runOne(new IndexedRun(0, spec.runs().get(0))));
        now[0] = 6_000_000_000L;
        p.finished(r.runOne(new IndexedRun(4, spec.runs().get(4))));
        now[0] = 8_000_000_000L;
        p.finished(r.runOne(new IndexedRun(1, spec.runs().get(1))));
        p.end();
        assertThat(bytes.toString().split("\n")).containsExactly(
                "2/3 runs (1 failed, 0 infeasible), 6.0 s, 0.33 runs/s, eta 3 s",
                "3/3 runs (1 failed, 0 infeasible), 8.0 s, 0.38 runs/s");
    }
}
