package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --export onnx} and {@code --validate --runtime onnxruntime} from the command line, good and bad. */
class OnnxCliTest {
    @TempDir
    Path dir;

    @Test
    void aMultiDevicePlanIsWrittenAsAWholeModelPartitionsAndAManifest() throws Exception {
        Path out = dir.resolve("plan.onnx");
        CliRun r = CliRun.of("--model", "resnet18", "--targets", "cpu,vta", "--export", "onnx", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode manifest = new ObjectMapper().readTree(Files.readString(dir.resolve("plan.manifest.json")));
        assertThat(manifest.get("partitions")).hasSize(18);
        assertThat(manifest.get("partitions").get(0).get("device").asText()).isEqualTo("vta");
        assertThat(manifest.get("partitions").get(1).get("inputs").get(0).asText())
                .isEqualTo(manifest.get("partitions").get(0).get("outputs").get(0).asText());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
        }
        for (JsonNode p : manifest.get("partitions")) {
            assertThat(dir.resolve(p.get("file").asText())).exists();
        }
    }

    @Test
    void anUnknownActivationEncodingIsOneLineExitTwoAndNothingWritten() throws Exception {
        CliRun r = CliRun.of("--model", "lenet", "--targets", "cpu", "--export", "onnx", "--onnx-activations", "int4",
                "--out", dir.resolve("plan.onnx").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--onnx-activations").contains("int4");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anOutThatCannotBeWrittenIsOneLineExitTwoAndNothingWritten() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file.txt"), "x");
        CliRun r = CliRun.of("--model", "lenet", "--targets", "cpu,vta", "--export", "onnx", "--out",
                notADir.resolve("plan.onnx").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--out").contains("file.txt")
                .contains("is a file, not a folder");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(notADir);
        }
    }

    @Test
    void anOnnxExportNeedsAnOutFileAndTheRuntimeNeedsValidate() {
        CliRun noOut = CliRun.of("--model", "lenet", "--export", "onnx");
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err()).contains("--export onnx needs --out");
        CliRun noValidate = CliRun.of("--model", "lenet", "--runtime", "onnxruntime");
        assertThat(noValidate.exitCode()).isEqualTo(2);
        assertThat(noValidate.err()).contains("--runtime onnxruntime needs --validate");
        CliRun unknown = CliRun.of("--model", "lenet", "--validate", "--runtime", "tensorrt");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--runtime must be java or onnxruntime");
    }

    @Test
    void validationInOrtPrintsMeasuredSqnrAndLatency() {
        CliRun r = CliRun.of("--model", "lenet", "--targets", "cpu,vta", "--validate", "--runtime", "onnxruntime",
                "--noise", "estimate");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("validation: measured SQNR [0-9.]+ dB, predicted [0-9.]+ dB, top-1")
                .containsPattern("ONNX Runtime 1\\.24\\.2 CPU provider, [0-9]+ threads?, [0-9]+ sessions?: measured"
                        + " latency [0-9.]+ ms \\(p10 [0-9.]+, p90 [0-9.]+");
    }

    @Test
    void anOpOrtCannotRunIsNamedWithItsNodeAndNothingIsExported() throws Exception {
        Path out = dir.resolve("plan.onnx");
        CliRun r = CliRun.of("--model", "lenet", "--targets", "cpu,gpu", "--precisions", "bf16,fp32", "--pin",
                "#1=gpu:bf16", "--noise", "estimate", "--validate", "--runtime", "onnxruntime", "--export", "onnx",
                "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("node (conv1)").contains("operator (Conv)")
                .contains("bfloat16");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    /** A separate JVM whose ORT looks for its native library where there is none. */
    @Test
    void aNativeLibraryThatDoesNotLoadNamesThePlatform() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Donnxruntime.native.path=" + dir.resolve("none"), "-cp",
                System.getProperty("java.class.path"), PlaceCommand.class.getName(), "--model", "lenet", "--targets",
                "cpu,vta", "--noise", "estimate", "--validate", "--runtime", "onnxruntime"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(err).doesNotContain("\n").contains("could not load its native library on linux-")
                .contains("none" + File.separator + "libonnxruntime");
    }
}
