package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code place check --plan P --export onnx}: a plan read back and exported, and a plan of another model refused. */
class CheckExportCliTest {
    @TempDir
    Path dir;

    private Path lenetPlan() {
        Path plan = dir.resolve("plan.json");
        CliRun write = CliRun.of("--model", "lenet", "--targets", "cpu,vta", "--export", "json", "--out",
                plan.toString());
        assertThat(write.exitCode()).as(write.err()).isZero();
        return plan;
    }

    private String[] files() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void aCheckedPlanExportsTheSameOnnxFilesAsThePlacementThatWroteIt() throws Exception {
        Path plan = lenetPlan();
        Path checked = dir.resolve("checked.onnx");
        CliRun check = CliRun.of("check", "--plan", plan.toString(), "--export", "onnx", "--out", checked.toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).contains("(identical)").contains("exported ONNX (opset 17): " + checked);
        Path direct = dir.resolve("direct.onnx");
        CliRun place = CliRun.of("--model", "lenet", "--targets", "cpu,vta", "--export", "onnx", "--out",
                direct.toString());
        assertThat(place.exitCode()).as(place.err()).isZero();
        assertThat(Files.readAllBytes(checked)).isEqualTo(Files.readAllBytes(direct));
        assertThat(Files.readString(dir.resolve("checked.manifest.json")).replace("checked.", "direct."))
                .isEqualTo(Files.readString(dir.resolve("direct.manifest.json")));
    }

    @Test
    void aPlanCheckedAgainstAnotherModelIsOneLineExitTwoAndNothingWritten() throws Exception {
        Path plan = lenetPlan();
        CliRun r = CliRun.of("check", "--plan", plan.toString(), "--model", "resnet18", "--export", "onnx", "--out",
                dir.resolve("x.onnx").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(plan.toString())
                .contains("resnet18 has ").contains("(the plan was made for lenet)")
                .endsWith("the plan does not belong to this model");
        assertThat(r.out()).isEmpty();
        assertThat(files()).containsExactly("plan.json");
    }

    @Test
    void aPlanWhoseGroupsAreAnotherModelsIsOneLineExitTwoAndNothingWritten() throws Exception {
        Path plan = lenetPlan();
        Path other = Files.writeString(dir.resolve("other.json"),
                Files.readString(plan).replace("\"model\" : \"lenet\"", "\"model\" : \"mobilenet_v2\""));
        assertThat(Files.readString(other)).contains("mobilenet_v2");
        CliRun r = CliRun.of("check", "--plan", other.toString(), "--export", "onnx", "--out",
                dir.resolve("x.onnx").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(other.toString()).contains("mobilenet_v2 has ")
                .endsWith("the plan does not belong to this model");
        assertThat(files()).containsExactly("other.json", "plan.json");
    }

    @Test
    void checkExportsOnlyOnnxAndNeedsAnOut() {
        Path plan = lenetPlan();
        CliRun tvm = CliRun.of("check", "--plan", plan.toString(), "--export", "tvm");
        assertThat(tvm.exitCode()).isEqualTo(2);
        assertThat(tvm.err().strip()).isEqualTo("place: --export must be onnx for place check, got 'tvm'");
        CliRun noOut = CliRun.of("check", "--plan", plan.toString(), "--export", "onnx");
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err()).contains("--export onnx needs --out");
    }
}
