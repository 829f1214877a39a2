package dev.hetplace.backends.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.cache.HetplaceCache;
import dev.hetplace.backends.exec.TestGraphs;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelShapeTimingTest {
    private static final GroupedGraph SMALL_RESNET = Grouping.apply(BatchNormFolding.apply(TestGraphs.smallResnet()));

    @Test
    void timesEachDistinctConvAndDenseShapeOnceInFp32Int8AndBothCasts() {
        List<String> seen = new ArrayList<>();
        ModelShapeTiming.Result r = ModelShapeTiming.measure(SMALL_RESNET, 2, 1, 3,
                (done, total, shape, t, ns) -> seen.add(done + "/" + total + " " + shape));
        // conv0, layer1's two equal 3x3 convs (one shape), layer2's conv1, conv2 and 1x1 downsample, fc
        assertThat(r.shapes()).isEqualTo(6);
        assertThat(r.skipped()).isZero();
        assertThat(seen).hasSize(6).first().asString().startsWith("1/6 conv2d 3x32x32 -> 16, 7x7 s2 p3");
        assertThat(r.layers()).hasSize(12).allSatisfy(m -> {
            assertThat(m.device()).isEqualTo("cpu");
            assertThat(m.threads()).isEqualTo(2);
            assertThat(m.p10Us()).isPositive().isLessThanOrEqualTo(m.medianUs());
            assertThat(m.medianUs()).isLessThanOrEqualTo(m.p90Us());
        });
        assertThat(r.layers().stream().map(Measurement::precision).distinct()).containsExactly(Precision.FP32,
                Precision.INT8);
        assertThat(r.casts()).hasSize(12);
        assertThat(r.layers().get(r.layers().size() - 1).shape()).isEqualTo(LayerShape.dense(32, 10));
    }

    @Test
    void theWrittenCsvReadsBackAsTheSameTable() {
        ModelShapeTiming.Result r = ModelShapeTiming.measure(SMALL_RESNET, 1, 0, 2, ModelShapeTiming.Progress.NONE);
        StringWriter w = new StringWriter();
        MeasurementCsv.write(w, "small-resnet", List.of("measured by a test"), r.layers(), r.casts());
        String text = w.toString();
        assertThat(text).startsWith("# measured by a test\nmodel,device,op,batch,cin,");
        MeasurementTable back = MeasurementTable.read(new StringReader(text), "written");
        assertThat(back.layers()).hasSize(r.layers().size());
        assertThat(back.casts()).hasSize(r.casts().size());
        for (int i = 0; i < r.layers().size(); i++) {
            Measurement a = r.layers().get(i);
            Measurement b = back.layers().get(i);
            assertThat(b.shape()).isEqualTo(a.shape());
            assertThat(b.precision()).isEqualTo(a.precision());
            assertThat(b.threads()).isEqualTo(1);
            assertThat(b.medianUs()).isCloseTo(a.medianUs(), org.assertj.core.data.Offset.offset(0.0005));
        }
        LayerShape conv0 = LayerShape.conv2d(3, 32, 32, 16, 7, 7, 2, 3, 1);
        assertThat(back.find("cpu", conv0, 1, 1, Precision.INT8, Timing.EAGER)).isPresent();
        assertThat(back.findCast("cpu", conv0, 1, 1, CastKind.QUANTIZE_INPUT)).isPresent();
    }

    @Test
    void theLatestTableInTheCacheIsTheNewestByName(@TempDir Path dir) throws Exception {
        HetplaceCache cache = new HetplaceCache(dir);
        assertThat(HostMeasurements.latest(cache)).isEmpty();
        Path older = HostMeasurements.newFile(cache, "resnet18", LocalDateTime.of(2024, 5, 1, 9, 0));
        Path newer = HostMeasurements.newFile(cache, "a/b.onnx", LocalDateTime.of(2024, 5, 2, 8, 0));
        assertThat(newer.getFileName().toString()).isEqualTo("cpu-20240502-080000-000-a_b.onnx.csv");
        Files.createDirectories(cache.measurements());
        Files.writeString(newer, "x");
        Files.writeString(older, "x");
        Files.writeString(cache.measurements().resolve("notes.txt"), "x");
        assertThat(HostMeasurements.latest(cache)).contains(newer);
    }
}
