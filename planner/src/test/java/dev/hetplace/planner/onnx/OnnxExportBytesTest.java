package dev.hetplace.planner.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.testing.FlagSpelling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported files are byte for byte what the export wrote before its speed-ups: for each case, the SHA-256 of
 * the lines {@code name sha256(file)} over every written file in name order (whole model, partitions, manifest).
 * The plans are built here, not solved, so that cost-model changes do not move them: every fourth group on the
 * CPU in fp32, on VTA in int8, on a GPU in fp16 and in bf16, which writes QDQ, casts, fp16 / bf16 initializers and
 * one partition per device region.
 */
class OnnxExportBytesTest {
    @TempDir
    Path dir;

    @Test
    void resnet18MixedPlanWithSyntheticWeights() throws Exception {
        CalibratedModel m = OnnxTestModels.calibrated("resnet18", 2);
        List<Path> files = write(m, mixed(m), ActivationEncoding.INT8, "plan.onnx", "pinned plan");
        assertThat(files).hasSize(1 + 24 + 1);
        assertThat(digest(files)).isEqualTo("1f0434d2d54493f4e0e265eb959d797e0a36c1e0e53602b955f18ce33cf73cc2");
    }

    @Test
    void resnet18AllInt8WithUint8Activations() throws Exception {
        CalibratedModel m = OnnxTestModels.calibrated("resnet18", 2);
        assertThat(digest(write(m, ExecutionPlan.allCpu(m.grouped(), Precision.INT8), ActivationEncoding.UINT8,
                "int8.onnx", "int8")))
                .isEqualTo("36db210a325fcfaed9286822446dd0731c25a8afc78f4c6e14eeec05b281230c");
    }

    @Test
    void squeezenetFileWeightsMixedPlan() throws Exception {
        assertThat(mixedDigest("../models/onnx/squeezenet1_1.onnx", "sq.onnx"))
                .isEqualTo("b52da6bb2a2af1b942392649c6e2a65b8c97cf705c9fea079bb587177165d1d8");
    }

    @Test
    void lenetMixedPlan() throws Exception {
        assertThat(mixedDigest("lenet", "lenet.onnx")).isEqualTo("7143492d1abdf13cf2e4bfd30e873e579c43a15864277ddc3e4aeb78d5a6015c");
    }

    private String mixedDigest(String model, String file) throws Exception {
        CalibratedModel m = OnnxTestModels.calibrated(model, 2);
        return digest(write(m, mixed(m), ActivationEncoding.INT8, file, "pinned plan"));
    }

    private List<Path> write(CalibratedModel m, ExecutionPlan plan, ActivationEncoding activations, String file,
                             String description) {
        return OnnxFiles.write(dir.resolve(file), PlanExport.of(m, plan, activations, description, FlagSpelling.FLAGS));
    }

    /** Group g on cpu:fp32, vta:int8, gpu:fp16, gpu:bf16 as g mod 4 is 0, 1, 2, 3. */
    private static ExecutionPlan mixed(CalibratedModel m) {
        Choice[] cycle = {new Choice("cpu", Precision.FP32, Layout.PLAIN), new Choice("vta", Precision.INT8,
                Layout.PLAIN), new Choice("gpu", Precision.FP16, Layout.PLAIN), new Choice("gpu", Precision.BF16,
                Layout.PLAIN)};
        TreeMap<Integer, Choice> choices = new TreeMap<>();
        for (int g = 0; g < m.grouped().size(); g++) {
            choices.put(g, cycle[g % cycle.length]);
        }
        return new ExecutionPlan(choices, java.util.Map.of("cpu", DeviceKind.CPU, "vta", DeviceKind.VTA, "gpu",
                DeviceKind.GPU));
    }

    private static String digest(List<Path> files) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (Path f : files.stream().sorted().toList()) {
            lines.append(f.getFileName()).append(' ').append(sha256(Files.readAllBytes(f))).append('\n');
        }
        return sha256(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
