package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.backends.measure.CastKind;
import dev.hetplace.backends.measure.CastMeasurement;
import dev.hetplace.backends.measure.EndToEndMeasurement;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.MeasurementTable;
import dev.hetplace.backends.measure.Timing;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.testing.TemporaryCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code place measure --runtime onnxruntime}: ORT's profile as the measurement table {@code host} plans with, and
 * the whole model timed as the three plans {@code place calibrate --platform host} checks (only what is stable is
 * checked: the rows, their plans, plausible figures).
 */
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
        // the alternating exports (OrtPrecisionEdges): every group with a producer and a row shape but the pools,
        // once in each precision; the stem reads the image and the flatten is a view
        List<LayerShape> edged = List.of(LayerShape.conv2d(6, 14, 14, 16, 5, 5, 1, 0, 1), LayerShape.dense(400, 120),
                LayerShape.dense(120, 84), LayerShape.dense(84, 10));
        for (CastKind kind : List.of(CastKind.EDGE_INT8, CastKind.EDGE_FP32)) {
            assertThat(t.casts().stream().filter(c -> c.kind() == kind).map(CastMeasurement::shape))
                    .as(kind.id()).containsExactlyInAnyOrderElementsOf(edged);
        }
        // a lenet group's edge is some microseconds, far below the whole model's run
        assertThat(t.casts()).filteredOn(c -> c.kind().isPrecisionEdge())
                .allSatisfy(c -> assertThat(c.medianUs()).isBetween(0.0, 1e4));

        assertThat(t.wholeModels()).extracting(EndToEndMeasurement::precision).containsExactly("fp32", "int8",
                "int8_skip_first_conv_and_dense");
        assertThat(t.wholeModels()).allSatisfy(w -> {
            assertThat(w.model()).isEqualTo("lenet");
            assertThat(w.device()).isEqualTo("cpu");
            assertThat(w.threads()).isEqualTo(1);
            assertThat(w.timing()).isEqualTo("eager");
            // LeNet whole in ORT: tens of microseconds idle, far from a second under any load
            assertThat(w.medianUs()).isBetween(1.0, 1e6);
            assertThat(w.p10Us()).isLessThanOrEqualTo(w.medianUs());
            assertThat(w.p90Us()).isGreaterThanOrEqualTo(w.medianUs());
        });
        assertThat(Files.readString(out)).contains("whole-model rows (op model): all-fp32, all-int8 and TVM's rule"
                + " on a CPU, unprofiled, 3 warm-up runs each, then 20 interleaved rounds of 1 untimed and 3 timed"
                + " runs");

        CliRun calibrate = CliRun.of("calibrate", "--platform", "host");
        assertThat(calibrate.exitCode()).as(calibrate.err()).isZero();
        assertThat(calibrate.out()).contains("\nlenet                cpu  int8_skip_first_conv_and_dense  b1    t1 ");

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

    /** A model path the table's model column cannot hold is refused before anything is timed, naming it. */
    @Test
    void aModelPathWithACommaIsRefusedBeforeTiming() throws Exception {
        Path model = Files.copy(Path.of(System.getProperty("user.dir")).getParent()
                .resolve("models/onnx/squeezenet1_1.onnx"), dir.resolve("squeeze,net.onnx"));
        Path out = dir.resolve("t.csv");
        CliRun m = CliRun.of("measure", "--runtime", "onnxruntime", "--model", model.toString(), "--out",
                out.toString());
        assertThat(m.exitCode()).isEqualTo(2);
        assertThat(m.err()).isEqualTo("place: model '" + model.toAbsolutePath() + "' holds a comma, which"
                + " the measurement table's model column cannot hold; rename or move the file\n");
        assertThat(out).doesNotExist();
    }
}
