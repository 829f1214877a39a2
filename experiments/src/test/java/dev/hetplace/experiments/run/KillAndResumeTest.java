package dev.hetplace.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.experiments.spec.SweepSpec;
import dev.hetplace.experiments.spec.SweepSpecReader;
import dev.hetplace.experiments.testing.SlowSweepMain;
import dev.hetplace.experiments.testing.Specs;
import dev.hetplace.experiments.testing.SyntheticRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a sweep's JVM midway (SIGKILL: no shutdown hook, no flush) and completes it with --resume. */
class KillAndResumeTest {

    @Test
    void aKilledSweepResumesWithNoRunLostOrDuplicated(@TempDir Path tmp) throws Exception {
        Path specFile = Specs.write(tmp, "tiny.json", Specs.TWENTY_FOUR);
        SweepSpec spec = SweepSpecReader.read(specFile);
        Path out = tmp.resolve("out");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SlowSweepMain.class.getName(), specFile.toString(), out.toString(), "150")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path jsonl = out.resolve(ResultStore.JSONL);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines(jsonl) < 4 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int before = ResultFile.read(jsonl).rows().size();
        assertThat(before).as("rows written before the kill").isBetween(4, 23);

        SweepSummary s = Sweep.run(spec, new Sweep.Options(out, true, false, Shard.ALL, 2), new SyntheticRuns(),
                Progress.silent(), "test", "abc");

        assertThat(s.skipped()).isEqualTo(before);
        assertThat(s.ran()).isEqualTo(24 - before);
        List<RunRow> rows = ResultFile.read(jsonl).rows();
        assertThat(rows).extracting(RunRow::hash).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(spec.runs().stream().map(RunSpec::hash).toList());
        List<String> csv = Files.readAllLines(out.resolve(ResultStore.CSV));
        // complete CSV lines (a line torn by the kill is left in place, and its row appended again)
        assertThat(csv.stream().filter(l -> ResultCsv.statusOf(l) != null).map(ResultCsv::hashOf)
                .filter(h -> h != null).toList()).doesNotHaveDuplicates().hasSize(24);
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
