package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.json.GraphJson;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.tensor.TensorType;
import dev.hetplace.planner.testing.TemporaryCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every line {@code place} prints that names one of its flags although the layer that found the problem knows only
 * a typed setting: recorded as {@code place} printed them before the layers below the CLI stopped knowing flag names
 * (issue 11), byte for byte, so that the CLI's wording of each setting is what they still say.
 */
class FlagWordingTest {
    @RegisterExtension
    final TemporaryCache cache = new TemporaryCache();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The one line on standard error of a run that exits with {@code code}. */
    private static String line(int code, String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(code);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        return r.err().strip();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "conv0|place: --pin 'conv0' is not LAYER=DEVICE:PRECISION (e.g. conv0=cpu:fp32)",
        "conv0=cpu|place: --pin 'conv0=cpu' is not LAYER=DEVICE:PRECISION[:LAYOUT]",
        "conv0=cpu:fp99|place: --pin 'conv0=cpu:fp99': unknown precision 'fp99' (known: fp32, tf32, fp16, bf16, int8)",
        "nosuch=cpu:fp32|place: --pin nosuch=cpu:fp32: no layer 'nosuch' in lenet (use #index, an exact layer name, or"
                + " convN)"})
    void aMalformedOrUnknownPinNamesThePinFlag(String pin, String expected) {
        assertThat(line(2, "--model", "lenet", "--pin", pin)).isEqualTo(expected);
    }

    @Test
    void aPinTheTvmRuleOrTheGroupRulesOutNamesBothFlags() {
        assertThat(line(2, "--model", "resnet18", "--tvm-compatible", "--pin", "conv0=vta:int8"))
                .isEqualTo("place: --pin conv0=vta:int8 contradicts --tvm-compatible: group conv1 can take vta:int8, but"
                        + " --tvm-compatible leaves it only cpu:fp32, cpu:int8");
        assertThat(line(2, "--model", "resnet18", "--pin", "maxpool=vta:int8"))
                .isEqualTo("place: --pin maxpool=vta:int8: group maxpool (max_pool2d) cannot take vta:int8; its choices"
                        + " are cpu:fp32, cpu:int8, cpu:int8:blocked");
    }

    @Test
    void theTvmRuleAndTheBudgetNameTheirFlags() {
        assertThat(line(1, "--model", "mobilenet_v2", "--tvm-compatible"))
                .isEqualTo("place: --tvm-compatible: group features.1.conv.0.0 (conv2d) has no choice TVM's VTA flow can"
                        + " build: it is a grouped conv (groups=32) inside the packed region");
        assertThat(line(1, "--model", "resnet18", "--min-sqnr", "80", "--pin", "layer1.0.conv1=vta:int8", "--noise",
                "estimate")).isEqualTo("place: accuracy budget --min-sqnr 80.0 dB cannot be met: the least noise any"
                + " allowed plan adds is 698646 ppb (31.6 dB), 698636 ppb over the budget of 10 ppb");
    }

    @Test
    void theTvmAlternativeNamesTheTvmFlagTwice() {
        assertThat(line(1, "--model", "lenet", "--targets", "cpu,gpu", "--export", "tvm", "--out",
                tmp.resolve("t.py").toString())).isEqualTo("place: TVM's VTA flow cannot build this plan: the targets"
                + " have no VTA device; TVM's VTA flow does not apply; nothing written; --tvm-compatible finds no plan"
                + " either: --tvm-compatible needs a VTA device among the targets");
    }

    @Test
    void executingAnUnexecutableModelNamesTheFlagThatAskedForIt() throws IOException {
        GraphBuilder b = new GraphBuilder("has-opaque");
        int x = b.input("data", TensorType.fp32(1, 3, 8, 8));
        x = b.relu("r", b.conv("c", x, 4, 3, 1, 1, true));
        x = b.add("nms", new Opaque("NonMaxSuppression", TensorType.fp32(1, 4, 8, 8), 0), x);
        String model = Files.writeString(tmp.resolve("opaque.json"), GraphJson.write(b.build(x))).toString();
        String why = " needs to execute the model, but layer 'nms' (#3) is op 'NonMaxSuppression', which hetplace does"
                + " not model and cannot execute";
        assertThat(line(2, "--model", model, "--validate")).isEqualTo("place: --validate" + why);
        assertThat(line(2, "--model", model, "--noise", "measured")).isEqualTo("place: --noise measured" + why);
    }

    @Test
    void onnxRuntimeNoiseOnBf16NamesTheNoiseAndPrecisionsFlags() {
        assertThat(line(2, "--model", "lenet", "--platform", "x86-h200", "--targets", "cpu,gpu", "--noise",
                "onnxruntime")).isEqualTo("place: --noise onnxruntime cannot measure bf16: ONNX Runtime's CPU provider"
                + " has no bf16 kernels (leave bf16 out with --precisions)");
    }

    @Test
    void anUnmeasuredHostNamesTheMeasureCommand() {
        assertThat(line(2, "--model", "lenet", "--platform", "host", "--targets", "cpu"))
                .isEqualTo("place: platform 'host' has no measurements of this machine yet: run `place measure --model"
                        + " M` first (looked in " + new dev.hetplace.backends.cache.HetplaceCache(cache.root()).measurements() + ")");
    }

    @Test
    void thePlanFileCheckNamesThePinFlagAndTheRuleOutFlag() throws IOException {
        String text = CliRun.of("--model", "resnet18", "--tvm-compatible", "--format", "json").out();
        ObjectNode pin = (ObjectNode) JSON.readTree(text);
        ((ArrayNode) pin.get("plan").get("constraints").get("pins")).add("conv0=npu:int9");
        Path pinned = Files.writeString(tmp.resolve("pin.json"), pin.toString());
        assertThat(line(2, "check", "--plan", pinned.toString())).isEqualTo("place: " + pinned
                + ": plan.constraints.pins: --pin 'conv0=npu:int9': unknown precision 'int9' (known: fp32, tf32, fp16,"
                + " bf16, int8)");

        ObjectNode moved = (ObjectNode) JSON.readTree(text);
        ObjectNode g = (ObjectNode) moved.get("plan").get("groups").get(2);
        g.put("device", "cpu").put("precision", "fp32").put("layout", "plain");
        Path file = Files.writeString(tmp.resolve("moved.json"), moved.toString());
        CliRun check = CliRun.of("check", "--plan", file.toString());
        assertThat(check.out()).contains("\nthe plan breaks a constraint now: group layer1.0.conv1 takes cpu:fp32,"
                + " which the pins or --tvm-compatible rule out\n");
    }

    @Test
    void textsInThePlanNameTheFlagsThatChangeThem() throws Exception {
        assertThat(CliRun.of("--model", "resnet18", "--solver", "timefold").out()).containsPattern("\nsolver: Timefold"
                + " skipped: its seed, the exact DP \\(peak 36 states, 1 labels per state\\), is proven optimal"
                + " \\(--no-dp-seed runs it from its own construction\\), optimal \\(exact DP\\), ");
        assertThat(CliRun.of("--model", "resnet18").out()).contains(" (TVM's runtime around each kernel: instruction"
                + " stream, staging, launch, completion; place cost lists the terms) + other groups ");
        assertThat(CliRun.of("--model", "lenet", "--min-sqnr", "30", "--noise", "estimate").out())
                .contains("\nnoise 677240 ppb, predicted SQNR 31.7 dB (estimate from bit widths and fan-in (--noise"
                        + " estimate))\n");
        Path onnx = tmp.resolve("lenet.onnx");
        CliRun export = CliRun.of("--model", "lenet", "--targets", "cpu", "--export", "onnx", "--out", onnx.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(ModelProto.parseFrom(Files.readAllBytes(onnx)).getDocString()).isEqualTo("hetplace plan on pynq-z1"
                + " of lenet: synthetic synthetic(seed=1) weights (the model file has none, or --weights synthetic asked"
                + " for them); int8 activation scales from global-scale calibration on synthetic(seed=1, n=8) inputs"
                + " (symmetric, stored as int8 with zero point 0, powers of two); int8 weights symmetric per output"
                + " channel");
    }
}
