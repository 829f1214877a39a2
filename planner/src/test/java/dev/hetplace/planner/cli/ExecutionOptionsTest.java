package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.ir.onnx.ShippedModels;
import dev.hetplace.planner.run.ExitCodes;
import dev.hetplace.planner.testing.TemporaryCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --validate}, {@code --noise}, {@code --inputs}, {@code --weights} on LeNet (1x32x32): output and bad input. */
class ExecutionOptionsTest {
    private static final int LENET_INPUT = 32 * 32;

    @TempDir
    Path dir;

    @RegisterExtension
    final TemporaryCache cache = new TemporaryCache();

    private static void assertBadInput(CliRun r, String... fragments) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        String err = r.err().lines().filter(l -> l.startsWith("place: ")).findFirst().orElse("");
        assertThat(err).as(r.err()).contains(fragments);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    private Path inputs(String name, float... values) throws Exception {
        Path d = Files.createDirectories(dir.resolve("in-" + name));
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        Files.write(d.resolve(name), b.array());
        return d;
    }

    @Test
    void validateReportsMeasuredAndPredictedSqnrInTheTableAndTheJsonPlanSection() throws Exception {
        CliRun table = CliRun.of("--model", "lenet", "--min-sqnr", "30", "--validate", "--calibration-samples", "3");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("measured on synthetic(seed=1) weights, global-scale calibration,"
                + " synthetic(seed=1, n=3) inputs", "validation: measured SQNR ", "top-1 agreement");
        assertThat(table.err()).contains("measuring sensitivity of ", "sensitivity 1/");

        CliRun json = CliRun.of("--model", "lenet", "--min-sqnr", "30", "--validate", "--calibration-samples", "3",
                "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.err()).doesNotContain("sensitivity 1/");
        JsonNode v = new ObjectMapper().readTree(json.out()).get("plan").get("validation");
        assertThat(v.get("measuredSqnrDb").asDouble()).isGreaterThanOrEqualTo(30);
        assertThat(v.get("predictedSqnrDb").asDouble()).isGreaterThanOrEqualTo(30);
        assertThat(v.get("top1Agreement").asDouble()).isBetween(0.0, 1.0);
        assertThat(v.get("weights").asText()).isEqualTo("synthetic(seed=1)");
        assertThat(v.get("calibration").asText()).isEqualTo("global-scale");
        assertThat(v.get("inputs").asText()).isEqualTo("synthetic(seed=1, n=3)");
        assertThat(new ObjectMapper().readTree(json.out()).get("run").has("validationMs")).isTrue();
    }

    /**
     * SqueezeNet 1.1 on its own weights, 4 inputs, pynq-z1 at 30 dB: the planner's first plan measures 28.91 dB
     * (noises add only nearly independently). With {@code --replans 0} validation only checks: the report is
     * printed, nothing is exported, exit 1. By default it re-plans once and the second plan meets the budget.
     */
    @Test
    void aValidatedPlanBelowTheBudgetIsReplannedOrWithReplansZeroRefusedWithExitOne() {
        String model = ShippedModels.path("squeezenet1_1.onnx").toString();
        Path export = dir.resolve("plan.json");
        CliRun checkOnly = CliRun.of("--model", model, "--targets", "cpu,vta", "--min-sqnr", "30", "--validate",
                "--calibration-samples", "4", "--replans", "0", "--export", "json", "--out", export.toString());
        assertThat(checkOnly.exitCode()).as(checkOnly.err()).isEqualTo(ExitCodes.INFEASIBLE);
        assertThat(checkOnly.out()).contains("validation: measured SQNR 28.9 dB, predicted 30.1 dB");
        assertThat(checkOnly.err()).contains("place: the executed plan measures 28.91 dB on the calibration inputs,"
                + " below --min-sqnr 30.0, after 0 re-plans (--replans 0); no file written");
        assertThat(checkOnly.err()).doesNotContain("Exception", "\tat ");
        assertThat(export).doesNotExist();

        CliRun replanned = CliRun.of("--model", model, "--targets", "cpu,vta", "--min-sqnr", "30", "--validate",
                "--calibration-samples", "4", "--export", "json", "--out", export.toString());
        assertThat(replanned.exitCode()).as(replanned.err()).isZero();
        assertThat(export).exists();
    }

    @Test
    void aTvmExportOfAPlanMeasuredUnderMaxCalibrationWarnsThatTvmUsesItsGlobalScale() {
        CliRun max = CliRun.of("--model", "resnet18", "--tvm-compatible", "--min-sqnr", "20", "--calibration", "max",
                "--calibration-samples", "2", "--export", "tvm");
        assertThat(max.exitCode()).as(max.err()).isZero();
        assertThat(max.err()).contains("place: warning: this plan's accuracy was measured with --calibration max,"
                + " which TVM's qconfig cannot express; the export uses TVM's global_scale=8.0");
        // a refused export writes nothing, so there is nothing to warn about
        CliRun refused = CliRun.of("--model", "lenet", "--min-sqnr", "20", "--calibration", "max",
                "--calibration-samples", "2", "--export", "tvm");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
        assertThat(refused.err()).doesNotContain("warning");
    }

    @Test
    void aNegativeReplanCountIsBadInput() {
        assertBadInput(CliRun.of("--model", "lenet", "--validate", "--replans", "-1"), "--replans must be 0 or more");
    }

    @Test
    void withoutABudgetOrValidationTheNoiseIsTheEstimateAndSaysWhy() {
        CliRun r = CliRun.of("--model", "lenet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("(estimate from bit widths and fan-in (no accuracy budget))");
        CliRun e = CliRun.of("--model", "lenet", "--min-sqnr", "30", "--noise", "estimate");
        assertThat(e.out()).contains("(estimate from bit widths and fan-in (--noise estimate))");
    }

    @Test
    void inputFilesOfTheWrongSizeAreBadInput() throws Exception {
        Path in = inputs("a.bin", new float[LENET_INPUT - 1]);
        assertBadInput(CliRun.of("--model", "lenet", "--validate", "--inputs", in.toString()), "a.bin' has 4092 bytes",
                "needs 4096");
    }

    @Test
    void inputFilesOfTheWrongDtypeAreBadInput() throws Exception {
        Path d = Files.createDirectories(dir.resolve("npy"));
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 32, 32), }";
        header = header + " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * LENET_INPUT).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                .putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        Files.write(d.resolve("x.npy"), b.array());
        assertBadInput(CliRun.of("--model", "lenet", "--validate", "--inputs", d.toString()), "x.npy' holds dtype '<f8'");
    }

    @Test
    void nanOrInfiniteInputsAreBadInput() throws Exception {
        float[] x = new float[LENET_INPUT];
        x[17] = Float.NaN;
        assertBadInput(CliRun.of("--model", "lenet", "--min-sqnr", "30", "--inputs", inputs("n.bin", x).toString()),
                "n.bin' has a non-finite value (NaN) at element 17");
        x[17] = Float.POSITIVE_INFINITY;
        assertBadInput(CliRun.of("--model", "lenet", "--validate", "--inputs", inputs("i.raw", x).toString()),
                "i.raw' has a non-finite value (Infinity) at element 17");
    }

    @Test
    void aWeightlessOnnxAskedToRunWithItsOwnWeightsIsBadInput() {
        String onnx = ShippedModels.path("resnet18.onnx").toString();
        assertBadInput(CliRun.of("--model", onnx, "--validate", "--weights", "onnx"), "has no weights",
                "synthetic weights instead");
    }

    @Test
    void unknownNoiseWeightsOrCalibrationAreBadInput() {
        assertBadInput(CliRun.of("--model", "lenet", "--noise", "guess"), "--noise must be measured, onnxruntime, estimate or auto");
        assertBadInput(CliRun.of("--model", "lenet", "--weights", "random"), "--weights must be onnx or synthetic");
        assertBadInput(CliRun.of("--model", "lenet", "--calibration", "kl"), "--calibration must be global-scale or max");
    }
}
