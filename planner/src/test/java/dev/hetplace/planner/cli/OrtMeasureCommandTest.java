package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.MeasurementTable;
import dev.hetplace.backends.measure.Timing;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.testing.TemporaryCache;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code place measure --runtime onnxruntime}: ORT's profile as the measurement table {@code host} plans with. */
class OrtMeasureCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final TemporaryCache cache = new TemporaryCache();

    @Test
    void ortProfilesBecomeTheHostTable() throws Exception {
        Path out = dir.resolve("lenet-ort.csv");
        CliRun m = CliRun.of("measure", "--runtime", "onnxruntime", "--model", "lenet", "--cpu-threads", "1",
                "--repeats", "5", "--out", out.toString());
        assertThat(m.exitCode()).as(m.err()).isZero();
        assertThat(m.out()).startsWith("measured 5 shapes of lenet (");
        assertThat(Files.readString(out)).contains("# runtime: ONNX Runtime 1.24.2 CPU provider");
        MeasurementTable t = MeasurementTable.read(out);
        assertThat(t.layers()).hasSize(10);
        var conv = t.find("cpu", LayerShape.conv2d(1, 32, 32, 6, 5, 5, 1, 0, 1), 1, 1, Precision.FP32, Timing.EAGER);
        assertThat(conv).isPresent();
        assertThat(conv.get().medianUs()).isPositive();
        assertThat(t.find("cpu", LayerShape.dense(400, 120), 1, 1, Precision.INT8, Timing.EAGER)).isPresent();
        // both max pools profiled behind an fp32 producer (OrtPoolEdges), one pool_edge row each
        assertThat(t.poolEdges("cpu")).extracting(c -> c.shape()).containsExactly(
                LayerShape.maxPool2d(6, 28, 28, 2, 2, 2, 0, 14, 14), LayerShape.maxPool2d(16, 10, 10, 2, 2, 2, 0, 5, 5));
        assertThat(t.poolEdges("cpu")).allSatisfy(c -> assertThat(c.medianUs()).isPositive());

        CliRun host = CliRun.of("--model", "lenet", "--platform", "host", "--targets", "cpu", "--format", "json");
        assertThat(host.exitCode()).as(host.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(host.out()).get("plan");
        assertThat(plan.get("groups").get(0).get("source").asText()).isEqualTo("MEASURED");
    }

    @Test
    void anUnknownRuntimeIsRefused() {
        CliRun m = CliRun.of("measure", "--runtime", "tvm", "--model", "lenet");
        assertThat(m.exitCode()).isEqualTo(2);
        assertThat(m.err()).isEqualTo("place: --runtime must be java or onnxruntime, got 'tvm'\n");
    }
}
