package dev.hetplace.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.experiments.cli.SweepFlags;
import dev.hetplace.experiments.run.Progress;
import dev.hetplace.experiments.run.Shard;
import dev.hetplace.experiments.run.Sweep;
import dev.hetplace.experiments.spec.SweepSpecReader;
import dev.hetplace.experiments.testing.SyntheticRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** solver-quality's report when every Timefold run failed: it tells the reader the sweep command that re-runs them. */
class SolverQualityRetryLineTest {
    @Test
    void failedTimefoldRunsAreToldTheSweepFlagsThatRetryThem(@TempDir Path dir) throws Exception {
        var spec = SweepSpecReader.parse("""
                {"schemaVersion": 1, "name": "sq", "report": ["solver-quality"], "models": ["lenet"],
                 "platforms": ["pynq-z1"], "solvers": ["exact", "timefold-noseed"]}""", "sq.json");
        SyntheticRuns synthetic = new SyntheticRuns();
        Sweep.run(spec, new Sweep.Options(dir, false, false, Shard.ALL, 1), run -> {
            if (run.solver().startsWith("timefold")) {
                throw new IllegalStateException("no Timefold here");
            }
            return synthetic.apply(run);
        }, Progress.silent(), "test", "abc");
        SweepReport.write(dir, false, SweepFlags.REPORT);
        assertThat(Files.readString(dir.resolve("report.md"))).contains("**Timefold: no results.** All 1 Timefold runs "
                + "failed (IllegalStateException: no Timefold here). This report covers the exact solver only; once the "
                + "Timefold solver is in the planner, re-run the failed runs with `bin/sweep run "
                + "experiments/specs/solver-quality.json --out DIR --retry-failed` and `bin/sweep report DIR`.");
    }
}
