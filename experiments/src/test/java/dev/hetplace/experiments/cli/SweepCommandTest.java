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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sweep(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return SweepCommand.run(args, new PrintWriter(out), new PrintWriter(err), SyntheticRuns::new);
    }

    @Test
    void runShardsMergeAndReport(@TempDir Path tmp) throws Exception {
        Path spec = Specs.write(tmp, "tiny.json", Specs.TWENTY_FOUR);
        Path shared = tmp.resolve("shared");
        assertThat(sweep("run", spec.toString(), "--out", shared.toString(), "--shard", "0/2",
                "--threads", "2")).isZero();
        assertThat(out.toString()).startsWith("sweep tiny: 24 runs in the spec, 12 in shard 0/2, 0 already done; "
                + "ran 12 (4 failed, 4 infeasible)").contains("results in " + shared.resolve("shard-0000-of-0002"));
        assertThat(sweep("run", spec.toString(), "--out", shared.toString(), "--shard", "1/2")).isZero();
        assertThat(sweep("merge", shared.toString(), "--out", tmp.resolve("all").toString())).isZero();
        assertThat(out.toString()).contains("24 rows from 2 directories");
        assertThat(ResultFile.read(tmp.resolve("all").resolve(ResultStore.JSONL)).rows()).hasSize(24);
        assertThat(sweep("report", tmp.resolve("all").toString())).isZero();
        String md = Files.readString(tmp.resolve("all").resolve("report.md"));
        assertThat(md).startsWith("# Sweep report: tiny").contains("24 runs: 12 placed, 4 infeasible", "8 failed")
                .contains("IllegalStateException: synthetic failure with a second line");
        Path figures = tmp.resolve("all").resolve("figures");
        byte[] png = Files.readAllBytes(figures.resolve("placement-map.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(figures.resolve("placement-map.svg"))).contains("<svg");
        assertThat(figures.resolve("latency-lenet-pynq-z1.png")).exists();
        assertThat(figures.resolve("pareto-min-sqnr.png")).as("one feasible budget: no front to draw").doesNotExist();
    }

    @Test
    void resumeAfterAFinishedSweepRunsNothing(@TempDir Path tmp) {
        Path spec = Specs.write(tmp, "tiny.json", Specs.TWENTY_FOUR);
        String dir = tmp.resolve("o").toString();
        assertThat(sweep("run", spec.toString(), "--out", dir)).isZero();
        assertThat(sweep("run", spec.toString(), "--out", dir)).isEqualTo(2);
        assertThat(err.toString()).startsWith("sweep: " + dir + " already holds 24 results: pass --resume");
        assertThat(sweep("run", spec.toString(), "--out", dir, "--resume")).isZero();
        assertThat(out.toString()).contains("24 already done; ran 0");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path tmp) {
        Path bad = Specs.write(tmp, "bad.json", "{\"schemaVersion\": 1, \"models\": [\"lenet\", \"resnet-9000\"]}");
        String o = tmp.resolve("o").toString();
        assertThat(sweep("run", bad.toString(), "--out", o)).isEqualTo(2);
        assertThat(err.toString().trim()).startsWith("sweep: " + bad + ": models[1]: unknown model 'resnet-9000'")
                .doesNotContain("\n");
        assertThat(tmp.resolve("o")).doesNotExist();
        Path good = Specs.write(tmp, "tiny.json", Specs.TWENTY_FOUR);
        assertThat(sweep("run", good.toString(), "--out", o, "--shard", "2/2")).isEqualTo(2);
        assertThat(err.toString().trim()).isEqualTo("sweep: --shard must be i/n with 0 <= i < n, got 2/2");
        assertThat(sweep("run", good.toString(), "--out", o, "--threads", "0")).isEqualTo(2);
        assertThat(sweep("run", tmp.resolve("missing.json").toString(), "--out", o)).isEqualTo(2);
        assertThat(err.toString().trim()).isEqualTo("sweep: " + tmp.resolve("missing.json") + ": no such sweep spec");
        assertThat(sweep("report", tmp.toString())).isEqualTo(2);
        assertThat(err.toString().trim()).isEqualTo("sweep: " + tmp + ": no results.jsonl (not a sweep results "
                + "directory)");
        assertThat(sweep("run", good.toString())).isEqualTo(2);
        assertThat(err.toString().trim()).startsWith("sweep: Missing required option: '--out=DIR'");
    }
}
