package dev.hetplace.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.experiments.cli.SweepFlags;
import dev.hetplace.experiments.run.PlannerRuns;
import dev.hetplace.experiments.run.Progress;
import dev.hetplace.experiments.run.Shard;
import dev.hetplace.experiments.run.Sweep;
import dev.hetplace.experiments.spec.SweepSpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The design-space section on a real (small) sweep: LeNet and SqueezeNet on four VTA designs. Re-pinned when the
 * CPU gained max pooling on VTA-packed int8 tensors (SqueezeNet's 1x8x8 designs went from 1.436 to 1.505 of the
 * best, the 1x16x16 one with the small input buffer from 1.000 to 1.001).
 */
class VtaDesignSectionTest {
    @Test
    void aSweepOverVtaDesignsGetsFrontsTheFrontDesignsAndTheLayersKeptOnTheCpu(@TempDir Path dir) throws Exception {
        var spec = SweepSpecReader.parse("""
                {"schemaVersion": 1, "name": "lenet-dse", "models": ["lenet", "squeezenet1_1"],
                 "platforms": ["pynq-z1"],
                 "zipped": [{"devices.vta.logBlockIn": [3, 4], "devices.vta.logBlockOut": [3, 4]}],
                 "overrides": {"devices.vta.logInpBuffSize": [14, 15]}, "minSqnrDb": [null, 30]}""", "lenet-dse.json");
        Sweep.run(spec, new Sweep.Options(dir, false, false, Shard.ALL, 2), new PlannerRuns(), Progress.silent(),
                "test", "abc");
        SweepReport.write(dir, false, SweepFlags.REPORT);
        String md = Files.readString(dir.resolve("report.md"));
        String section = md.substring(md.indexOf("## VTA design space"), md.indexOf("## Figures"));
        assertThat(section).contains("4 designs x 2 models placed without an accuracy budget");
        assertThat(section).contains("### Pareto-optimal designs over all models",
                "### Which layers each design keeps on the CPU", "### Accuracy budgets and TVM's rules");
        assertThat(section).contains("| 256 | 1x16x16 | 16/256/128 KiB | 432 | 100 MHz, 64-bit | 1.001 |",
                "| 64 | 1x8x8 | 16/256/128 KiB | 432 | 100 MHz, 64-bit | 1.497 |",
                "The best design overall is 1x16x16, 32/256/128 KiB, 100 MHz, 64-bit (1.000)");
        // with TVM's VTA runtime overhead priced, lenet's dense layers stay on the CPU and BLOCK 8 keeps all of it there
        assertThat(section).contains("| lenet | conv1, fc1, fc2, fc3 | 2 | 57.6% | 1x16x16 |",
                "| lenet | conv1, conv2, fc1, fc2, fc3 | 2 | 0.0% | 1x8x8 |");
        assertThat(section).contains("| >= 30 dB | 8 |", "| no budget | 8 | 8 | 1.000 |");
        for (String f : new String[] {"vta-dse-front-buffers", "vta-dse-front-macs", "vta-dse-designs"}) {
            assertThat(Files.readAllBytes(dir.resolve("figures").resolve(f + ".png"))).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    /** first-layer's shape: VTA settings varied, but over several hosts, so its designs are not comparable. */
    @Test
    void aSweepOverSeveralPlatformsGetsNoDesignSection(@TempDir Path dir) throws Exception {
        var spec = SweepSpecReader.parse("""
                {"schemaVersion": 1, "name": "two-hosts", "models": ["lenet"], "platforms": ["pynq-z1", "ultra96"],
                 "zipped": [{"devices.vta.logBlockIn": [3, 4], "devices.vta.logBlockOut": [3, 4]}]}""",
                "two-hosts.json");
        Sweep.run(spec, new Sweep.Options(dir, false, false, Shard.ALL, 2), new PlannerRuns(), Progress.silent(),
                "test", "abc");
        SweepReport.write(dir, false, SweepFlags.REPORT);
        assertThat(Files.readString(dir.resolve("report.md"))).doesNotContain("## VTA design space");
    }

    @Test
    void theParetoFrontKeepsOnlyPointsThatNoCheaperPointBeats() {
        var front = dev.hetplace.experiments.plot.Plots.front(java.util.List.of(new double[] {4, 1},
                new double[] {1, 5}, new double[] {2, 5}, new double[] {2, 3}, new double[] {8, 1}, new double[] {3, 4}));
        assertThat(front).extracting(p -> p[0] + ":" + p[1]).containsExactly("1.0:5.0", "2.0:3.0", "4.0:1.0");
    }
}
