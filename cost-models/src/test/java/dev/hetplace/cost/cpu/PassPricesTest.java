package dev.hetplace.cost.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.backends.measure.CastKind;
import dev.hetplace.backends.measure.CastMeasurement;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.Measurement;
import dev.hetplace.backends.measure.MeasurementCsv;
import dev.hetplace.backends.measure.PassShape;
import dev.hetplace.backends.measure.Timing;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.cost.context.InContextFit;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.tensor.TensorType;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pass rows as `place measure --runtime onnxruntime --model models/onnx/squeezenet1_1.onnx --cpu-threads 2` wrote
 * them (2026-12-02, this repository's test table `ort-tables/squeezenet1_1-2threads.csv` in backends): the three max
 * pools in fp32 71, 31 and 17 us (int8 70, 24, 12); the stem conv 1x3x224x224 -> 64 (3x3 s2, its ReLU fused) fp32
 * 226 us, int8 899.5 us, its input's quantize 61 us.
 */
class PassPricesTest {
    private static final LayerShape STEM_POOL = PassShape.of("pool", 64L * 111 * 111, 64L * 55 * 55, 3, 3, 2, 0);
    private static final LayerShape FIRE_POOL = PassShape.of("pool", 128L * 55 * 55, 128L * 27 * 27, 3, 3, 2, 0);
    private static final LayerShape LAST_POOL = PassShape.of("pool", 256L * 27 * 27, 256L * 13 * 13, 3, 3, 2, 0);

    private static Measurement row(LayerShape s, Precision p, int threads, double us) {
        return new Measurement("cpu", s, 1, threads, p, false, Timing.EAGER, us, us, us);
    }

    private final PassPrices prices = new PassPrices("sq.csv", List.of(row(STEM_POOL, Precision.FP32, 2, 71),
            row(FIRE_POOL, Precision.FP32, 2, 31), row(LAST_POOL, Precision.FP32, 2, 17),
            row(STEM_POOL, Precision.INT8, 2, 70)));

    @Test
    void aMeasuredGroupIsItsRow() {
        PassPrices.Price p = prices.price(STEM_POOL, Precision.FP32, 2).orElseThrow();
        assertThat(p.us()).isEqualTo(71.0);
        assertThat(p.measured()).isTrue();
        assertThat(p.note()).isEqualTo("measured pool pass row (sq.csv, 2 threads)");
    }

    @Test
    void anUnmeasuredGroupOfAMeasuredClassIsTheClassFitOverElements() {
        // (elements read + written, us): (982144, 71), (480512, 31), (229888, 17); least squares gives a negative
        // intercept (-0.84 us), so the fit is the line through the origin: slope = sum(xy) / sum(xx)
        double[] x = {982_144, 480_512, 229_888};
        double[] y = {71, 31, 17};
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < 3; i++) {
            sxy += x[i] * y[i];
            sxx += x[i] * x[i];
        }
        LayerShape other = PassShape.of("pool", 32L * 56 * 56, 32L * 28 * 28, 2, 2, 2, 0);
        PassPrices.Price p = prices.price(other, Precision.FP32, 2).orElseThrow();
        assertThat(p.us()).isCloseTo(sxy / sxx * (32 * 56 * 56 + 32 * 28 * 28), within(1e-9));
        assertThat(p.measured()).isFalse();
        assertThat(p.note()).startsWith("unmeasured pool pass; fitted to the 3 fp32 pool pass row(s) of sq.csv at 2"
                + " threads: 0.00 us + 0.071 ns per element");
    }

    @Test
    void aZeroRowPricesItsOwnShapeAndStaysOutOfTheFit() {
        LayerShape fused = PassShape.of("eltwise", 401_408, 200_704, 1, 1, 1, 0);
        LayerShape other = PassShape.of("eltwise", 100_352, 50_176, 1, 1, 1, 0);
        PassPrices p = new PassPrices("r.csv", List.of(row(fused, Precision.FP32, 1, 0),
                row(PassShape.of("eltwise", 802_816, 401_408, 1, 1, 1, 0), Precision.FP32, 1, 120)));
        assertThat(p.price(fused, Precision.FP32, 1).orElseThrow().us()).isZero();
        assertThat(p.price(other, Precision.FP32, 1).orElseThrow().us())
                .isCloseTo(120.0 / (802_816 + 401_408) * (100_352 + 50_176), within(1e-9));
    }

    @Test
    void oneRowScalesByItsTimePerElementAndOtherThreadCountsAreScaled() {
        LayerShape other = PassShape.of("pool", 1000, 250, 2, 2, 2, 0);
        assertThat(prices.price(other, Precision.INT8, 2).orElseThrow().us())
                .isCloseTo(70.0 / (64 * 111 * 111 + 64 * 55 * 55) * 1250, within(1e-9));
        PassPrices.Price four = prices.price(STEM_POOL, Precision.FP32, 4).orElseThrow();
        assertThat(four.measured()).isFalse();
        assertThat(four.note()).isEqualTo("measured pool pass rows (sq.csv, [2] threads), scaled to 4 threads");
    }

    @Test
    void aClassWithoutRowsIsNotPricedHere() {
        assertThat(prices.price(PassShape.of("copy", 100, 100, 1, 1, 1, 0), Precision.FP32, 2)).isEmpty();
        assertThat(new PassPrices("t.csv", List.of()).isEmpty()).isTrue();
    }

    /**
     * On a host table with pass rows its conv rows are whole groups: the stem conv with its fused ReLU costs its row,
     * with no element-wise pass for the ReLU; the pool after it costs its pass row.
     */
    @Test
    void aHostTableWithPassRowsPricesFusedLayersInsideTheRowAndPoolsFromTheirRows(@TempDir Path dir)
            throws Exception {
        LayerShape stem = LayerShape.conv2d(3, 224, 224, 64, 3, 3, 2, 0, 1);
        Path table = dir.resolve("cpu-20261202-123829-355-squeezenet1_1.csv");
        try (Writer w = Files.newBufferedWriter(table)) {
            MeasurementCsv.write(w, "squeezenet1_1", List.of("place measure --runtime onnxruntime"), List.of(
                    new Measurement("cpu", stem, 1, 2, Precision.FP32, false, Timing.EAGER, 226, 216, 241),
                    new Measurement("cpu", stem, 1, 2, Precision.INT8, false, Timing.EAGER, 899.5, 776, 1258),
                    row(STEM_POOL, Precision.FP32, 2, 71), row(STEM_POOL, Precision.INT8, 2, 70)),
                    List.of(new CastMeasurement("cpu", stem, 1, 2, CastKind.QUANTIZE_INPUT, Timing.EAGER, 61, 40,
                            96)));
        }
        GraphBuilder b = new GraphBuilder("stem");
        int x = b.input("x", TensorType.fp32(1, 3, 224, 224));
        int conv = b.conv("conv", x, 64, 3, 2, 0, true);
        int relu = b.relu("relu", conv);
        int pool = b.add("pool", Pool.max(3, 2, 0).ceil(), relu);
        GroupedGraph g = Grouping.apply(b.build(pool));
        assertThat(g.groups()).hasSize(2);
        Device cpu = Profiles.host(table.toString(), "amd64", 2, 2).device("cpu").orElseThrow();
        CalibratedCpuModel model = new CpuCostModel(InContextFit::cpu).calibrated(cpu.cpu().calibration());
        Group convGroup = g.groups().get(0);
        Cost c = model.cost(GroupWork.of(g, convGroup), cpu.cpu(), Precision.FP32, 1).orElseThrow();
        assertThat(c.timeNs()).isEqualTo(226_000);
        assertThat(c.note()).endsWith("; fused layers inside the group's measured time");
        Cost p = model.cost(GroupWork.of(g, g.groups().get(1)), cpu.cpu(), Precision.FP32, 1).orElseThrow();
        assertThat(p.timeNs()).isEqualTo(71_000);
        assertThat(p.source()).isEqualTo(CostSource.MEASURED);
        assertThat(p.note()).isEqualTo("measured pool pass row (" + table + ", 2 threads)");
        assertThat(new CpuCostModel(InContextFit::cpu).cost(g, g.groups().get(1), cpu, Precision.INT8, Layout.PLAIN,
                1).orElseThrow().timeNs()).isEqualTo(70_000);
    }
}
