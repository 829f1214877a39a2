package dev.hetplace.planner.cli;

import dev.hetplace.planner.run.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --measurements FILE}: the 16 TopHub lines of {@code src/test/resources/autotvm/sample.log} (a copy of the
 * team's sample, README alongside) price the layers whose shape and board they match MEASURED, with file and line.
 */
class MeasurementsOptionTest {
    @TempDir
    Path dir;

    private static Path sample() {
        try {
            return Paths.get(MeasurementsOptionTest.class.getResource("/autotvm/sample.log").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> measuredRows(CliRun run) {
        return run.out().lines().filter(l -> l.contains(",measured,")).toList();
    }

    @Test
    void theSamplesResnet50ShapesAreMeasuredInPlaceCost() {
        Path log = sample();
        CliRun run = CliRun.of("cost", "--model", "resnet50", "--platform", "pynq-z1", "--measurements", log.toString(),
                "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = measuredRows(run);
        // line 1: the 256x56x56 -> 512 1x1 s2 downsample, 0.0296581546 s on pynq_1x16 (TopHub vta_v0.10.log:29)
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("g18,layer2.0.downsample.0,conv2d,vta,"
                + "int8,blocked,29658155,").endsWith("measured: " + log + ":1 (conv2d_packed.vta)"));
        // line 2: 2048x7x7 -> 512 1x1, layer4's second and third bottleneck (0.0044194746 s)
        assertThat(rows.stream().filter(r -> r.contains(",vta,int8,blocked,4419475,")
                && r.endsWith(log + ":2 (conv2d_packed.vta)"))).hasSize(2);
        // line 10: the arm_cpu fp32 2048 -> 1000 dense on the Pynq's Cortex-A9
        assertThat(rows).anySatisfy(r -> assertThat(r).contains(",fc,dense,cpu,fp32,plain,9360431,")
                .endsWith(log + ":10 (dense_nopack.x86)"));
        assertThat(rows).hasSize(4);
        // another board's bitstream (ultra96 runs the same 1x16 configuration, but the log names pynq) stays modelled
        CliRun ultra = CliRun.of("cost", "--model", "resnet50", "--platform", "ultra96", "--measurements",
                log.toString(), "--format", "csv");
        assertThat(ultra.exitCode()).as(ultra.err()).isZero();
        assertThat(measuredRows(ultra)).isEmpty();
    }

    /**
     * TopHub's ResNet-50 layer1 conv3 line (64->256 1x1 at 56, 44.245 ms): the three conv3 groups and layer1.0's
     * downsample are MEASURED on VTA; the residual add fused into each conv3 keeps its modelled price, since
     * AutoTVM's conv2d_packed.vta template times the conv with shift, clip and cast only, and says so.
     */
    @Test
    void aMeasuredConvLeavesItsFusedAddModelledAndSaysTheMeasurementDoesNotHoldIt() throws Exception {
        Path log = Paths.get(getClass().getResource("/autotvm/tophub-resnet50-conv3.log").toURI());
        CliRun run = CliRun.of("cost", "--model", "resnet50", "--platform", "pynq-z1", "--measurements", log.toString(),
                "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(measuredRows(run)).hasSize(4).allSatisfy(r -> assertThat(r).contains(",vta,int8,blocked,44244627,")
                .endsWith("measured: " + log + ":1 (conv2d_packed.vta)"));
        CliRun modelled = CliRun.of("cost", "--model", "resnet50", "--platform", "pynq-z1", "--format", "csv");
        String add = modelled.out().lines().filter(l -> l.contains(",layer1.0.add,add,vta,")).findFirst().orElseThrow();
        assertThat(run.out().lines().filter(l -> l.contains(",layer1.0.add,add,vta,"))).singleElement().asString()
                .startsWith(add.substring(0, add.length() - 1)).contains(",analytical,")
                .endsWith("; not in layer1.0.conv3's measurement (" + log + ":1): AutoTVM's conv2d_packed.vta template"
                        + " times the conv with shift, clip and cast only\"");
    }

    @Test
    void placePlansWithTheMeasuredCosts() {
        CliRun modelled = CliRun.of("--model", "resnet50", "--format", "csv");
        CliRun measured = CliRun.of("--model", "resnet50", "--format", "csv", "--measurements", sample().toString(),
                "--measurements", sample().toString());
        assertThat(measured.exitCode()).as(measured.err()).isZero();
        assertThat(measured.out()).isNotEqualTo(modelled.out());
    }

    @Test
    void aMeasurementTableRowIsMeasuredWithItsLine() throws IOException {
        Path csv = dir.resolve("board.csv");
        Files.writeString(csv, "# my board\ndevice,op,batch,cin,h,w,cout,kh,kw,stride,pad,groups,oh,ow,threads,"
                + "precision,timing,median_us\ncpu,dense,1,2048,1,1,1000,1,1,1,0,1,1,1,,fp32,eager,1234.5\n",
                StandardCharsets.UTF_8);
        CliRun run = CliRun.of("cost", "--model", "resnet50", "--platform", "pynq-z1", "--measurements", csv.toString(),
                "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(measuredRows(run)).singleElement().satisfies(r -> assertThat(r)
                .contains(",fc,dense,cpu,fp32,plain,1234500,").endsWith(csv + ":3 (measurement table)"));
    }

    private void assertRefused(String line, String message) throws IOException {
        Path log = dir.resolve("bad.log");
        String good = Files.readAllLines(sample(), StandardCharsets.UTF_8).get(0);
        Files.writeString(log, good + "\n" + line + "\n", StandardCharsets.UTF_8);
        for (String[] args : List.of(new String[] {"cost", "--model", "resnet50", "--measurements", log.toString()},
                new String[] {"--model", "resnet50", "--measurements", log.toString()})) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().lines().toList()).singleElement().asString()
                    .isEqualTo("place: " + log + ":2: " + message);
        }
    }

    @Test
    void badLogLinesNameFileAndLineAndExit2() throws IOException {
        String good = Files.readAllLines(sample(), StandardCharsets.UTF_8).get(0);
        assertRefused(good.replace("[[0.029658154599999997]", "[[1e400]"),
                "cost Infinity is not a finite positive time in seconds");
        assertRefused(good + good, "malformed JSON: Trailing token (of type START_OBJECT) found after value"
                + " (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
                + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
        assertRefused(good.replace("conv2d_packed.vta", "conv2d_nchw.cuda"), "unknown task 'conv2d_nchw.cuda' (known:"
                + " conv2d_nchw_spatial_pack.arm_cpu, conv2d_nchw_winograd.arm_cpu, conv2d_packed.vta,"
                + " conv2d_transpose_packed.vta, dense_nopack.x86, dense_packed.vta, depthwise_conv2d_nchw.arm_cpu,"
                + " group_conv2d_packed.vta)");
        assertRefused(good.replace("ext_dev -device=vta", "opencl -device=mali"),
                "unsupported target 'opencl -device=mali -keys=cpu -model=pynq_1x16_i8w8a32_15_15_18_17' (known:"
                        + " ext_dev -device=vta ..., llvm ...)");
        assertRefused(good.replace("\"int8\"], [\"TENSOR\", [32", "\"float32\"], [\"TENSOR\", [32"),
                "VTA task 'conv2d_packed.vta' with fp32 data; VTA computes on int8");
        assertRefused(good.replace("[\"tile_w\", \"sp\", [1, 28]]", "[\"tile_w\", \"sp\", [2, 28]]"),
                "split tile_w [2, 28] multiplies to 56, but the workload's axis is 28 long");
        assertRefused(good.replace(" -model=pynq_1x16_i8w8a32_15_15_18_17", ""),
                "target 'ext_dev -device=vta -keys=cpu' has no -model=, so the board it was tuned on is unknown");
    }

    @Test
    void aMissingMeasurementFileIsBadInput() {
        CliRun run = CliRun.of("cost", "--model", "lenet", "--measurements", dir.resolve("none.log").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("place: " + dir.resolve("none.log") + ": no such AutoTVM log\n");
    }
}
