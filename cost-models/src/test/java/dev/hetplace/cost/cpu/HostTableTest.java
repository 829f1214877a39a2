package dev.hetplace.cost.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.measure.CastKind;
import dev.hetplace.backends.measure.CastMeasurement;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.Measurement;
import dev.hetplace.backends.measure.MeasurementCsv;
import dev.hetplace.backends.measure.Timing;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.cost.TestGraphs;
import dev.hetplace.cost.context.InContextFit;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Conv2d;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host platform priced from a table as `place measure` writes it: a file on disk, with comment lines. */
class HostTableTest {
    private static final LayerShape SHAPE = LayerShape.conv2d(64, 56, 56, 64, 3, 3, 1, 1, 1);

    @Test
    void aMeasuredShapeIsPricedAtItsMedianFromTheFile(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("cpu-20240501-090000-000-resnet18.csv");
        try (Writer w = Files.newBufferedWriter(table)) {
            MeasurementCsv.write(w, "resnet18", List.of("place measure on a test machine"), List.of(
                    new Measurement("cpu", SHAPE, 1, 2, Precision.FP32, false, Timing.EAGER, 700.5, 690, 720),
                    new Measurement("cpu", SHAPE, 1, 2, Precision.INT8, false, Timing.EAGER, 300.25, 290, 310)),
                    List.of(new CastMeasurement("cpu", SHAPE, 1, 2, CastKind.QUANTIZE_INPUT, Timing.EAGER, 40, 39, 41),
                            new CastMeasurement("cpu", SHAPE, 1, 2, CastKind.DEQUANTIZE_OUTPUT, Timing.EAGER, 60, 59,
                                    61)));
        }
        Device cpu = Profiles.host(table.toString(), "amd64", 2, 2).device("cpu").orElseThrow();
        GroupedGraph conv = TestGraphs.single(Conv2d.square(64, 3, 1, 1, false), 1, 64, 56, 56);
        CpuCostModel model = new CpuCostModel(InContextFit::cpu);
        Cost fp32 = model.cost(conv, TestGraphs.only(conv), cpu, Precision.FP32, Layout.PLAIN, 1).orElseThrow();
        Cost int8 = model.cost(conv, TestGraphs.only(conv), cpu, Precision.INT8, Layout.PLAIN, 1).orElseThrow();
        assertThat(fp32.timeNs()).isEqualTo(700_500);
        assertThat(fp32.source()).isEqualTo(CostSource.MEASURED);
        assertThat(fp32.note()).contains(table.toString(), "2 threads");
        assertThat(int8.timeNs()).isEqualTo(300_250);
    }

    /**
     * mobilenet_v2's 96-channel stride-2 depthwise conv as `place measure --runtime onnxruntime --model mobilenet_v2
     * --cpu-threads 1` measured it (under load): fp32 449.0 us, int8 374.5 us. A depthwise conv the table measured
     * is priced from its row; one it did not stays a memory-bound pass (78 us for the int8 pass of this shape).
     */
    @Test
    void aMeasuredDepthwiseConvIsPricedFromItsRowAndAnUnmeasuredOneAsAPass(@TempDir Path dir) throws Exception {
        LayerShape dw = LayerShape.conv2d(96, 112, 112, 96, 3, 3, 2, 1, 96);
        Path table = dir.resolve("cpu-20261202-062111-327-mobilenet_v2.csv");
        try (Writer w = Files.newBufferedWriter(table)) {
            MeasurementCsv.write(w, "mobilenet_v2", List.of("place measure --runtime onnxruntime, 1 thread"), List.of(
                    new Measurement("cpu", SHAPE, 1, 1, Precision.FP32, false, Timing.EAGER, 700.5, 690, 720),
                    new Measurement("cpu", SHAPE, 1, 1, Precision.INT8, false, Timing.EAGER, 300.25, 290, 310),
                    new Measurement("cpu", dw, 1, 1, Precision.FP32, false, Timing.EAGER, 449.0, 381, 7159),
                    new Measurement("cpu", dw, 1, 1, Precision.INT8, false, Timing.EAGER, 374.5, 352, 423)),
                    List.of(new CastMeasurement("cpu", dw, 1, 1, CastKind.QUANTIZE_INPUT, Timing.EAGER, 309, 289,
                            450)));
        }
        Device cpu = Profiles.host(table.toString(), "amd64", 2, 1).device("cpu").orElseThrow();
        CpuCostModel model = new CpuCostModel(InContextFit::cpu);
        GroupedGraph measured = TestGraphs.single(Conv2d.square(96, 3, 2, 1, false).withGroups(96), 1, 96, 112, 112);
        Cost int8 = model.cost(measured, TestGraphs.only(measured), cpu, Precision.INT8, Layout.PLAIN, 1)
                .orElseThrow();
        assertThat(int8.timeNs()).isEqualTo(374_500);
        assertThat(int8.source()).isEqualTo(CostSource.MEASURED);
        assertThat(model.cost(measured, TestGraphs.only(measured), cpu, Precision.FP32, Layout.PLAIN, 1)
                .orElseThrow().timeNs()).isEqualTo(449_000);

        GroupedGraph other = TestGraphs.single(Conv2d.square(64, 3, 1, 1, false).withGroups(64), 1, 64, 56, 56);
        Cost pass = model.cost(other, TestGraphs.only(other), cpu, Precision.INT8, Layout.PLAIN, 1).orElseThrow();
        assertThat(pass.source()).isEqualTo(CostSource.ANALYTICAL);
        assertThat(pass.note()).contains("depthwise taken as memory-bound, its shape not measured");
    }
}
