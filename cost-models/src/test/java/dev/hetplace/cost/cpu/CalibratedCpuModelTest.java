package dev.hetplace.cost.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.cost.CpuThreads;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.cost.TestGraphs;
import dev.hetplace.cost.context.InContextFit;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.tensor.DType;
import dev.hetplace.ir.tensor.TensorType;
import org.junit.jupiter.api.Test;

class CalibratedCpuModelTest {
    private static final Device CPU = Profiles.builtIn("x86-h200").device("cpu").orElseThrow();
    /** ResNet-18's layer1 conv, measured: fp32 3251.44 us at 1 thread and 721.55 us at 4; int8 307.77 us at 4. */
    private static final GroupedGraph LAYER1 = TestGraphs.single(Conv2d.square(64, 3, 1, 1, false), 1, 64, 56, 56);
    private final CpuCostModel model = new CpuCostModel(InContextFit::cpu);

    /** The isolated price (the table's own), before the in-model factor. */
    private Cost cost(GroupedGraph g, Device d, Precision p, Layout l, int batch) {
        assertThat(model.cost(g, TestGraphs.only(g), d, p, l, batch)).isPresent();
        return model.calibrated(d.cpu().calibration()).cost(GroupWork.of(g, TestGraphs.only(g)), d.cpu(), p, batch)
                .orElseThrow();
    }

    @Test
    void theCostModelScalesTheIsolatedPriceByTheInModelFactorOfItsThreadCount() {
        Cost inModel = model.cost(LAYER1, TestGraphs.only(LAYER1), CPU, Precision.FP32, Layout.PLAIN, 1).orElseThrow();
        double factor = model.inContext(CPU).factor(4);
        assertThat(inModel.timeNs()).isEqualTo(Math.round(721_550 * factor));
        assertThat(inModel.note()).contains("in-model x1.242 (fitted to 3 whole-model rows at 4 threads");
        Cost one = model.cost(LAYER1, TestGraphs.only(LAYER1), CpuThreads.with(CPU, 1), Precision.FP32,
                Layout.PLAIN, 1).orElseThrow();
        assertThat(one.timeNs()).isEqualTo(Math.round(3_251_440 * model.inContext(CPU).factor(1)));
    }

    @Test
    void measuredShapeAtMeasuredThreadsIsALookup() {
        Cost c = cost(LAYER1, CPU, Precision.FP32, Layout.PLAIN, 1);
        assertThat(c.source()).isEqualTo(CostSource.MEASURED);
        assertThat(c.timeNs()).isEqualTo(721_550);
        assertThat(cost(LAYER1, CPU, Precision.INT8, Layout.PLAIN, 1).timeNs()).isEqualTo(307_770);
        assertThat(cost(LAYER1, CpuThreads.with(CPU, 1), Precision.FP32, Layout.PLAIN, 1).timeNs())
                .isEqualTo(3_251_440);
    }

    @Test
    void otherThreadCountsScaleBetweenTheMeasuredOnes() {
        Cost two = cost(LAYER1, CpuThreads.with(CPU, 2), Precision.FP32, Layout.PLAIN, 1);
        assertThat(two.source()).isEqualTo(CostSource.ANALYTICAL);
        assertThat(two.timeNs()).isCloseTo(Math.round(Math.sqrt(3251.44 * 721.55) * 1000), within(1L));
        assertThat(cost(LAYER1, CpuThreads.with(CPU, 16), Precision.FP32, Layout.PLAIN, 1).timeNs())
                .isEqualTo(721_550);
    }

    @Test
    void batchScalesLinearlyAndUnmeasuredShapesAreFitted() {
        Cost b4 = cost(LAYER1, CPU, Precision.FP32, Layout.PLAIN, 4);
        assertThat(b4.timeNs()).isEqualTo(4 * 721_550);
        assertThat(b4.source()).isEqualTo(CostSource.ANALYTICAL);
        GroupedGraph other = TestGraphs.single(Conv2d.square(96, 3, 1, 1, false), 1, 96, 28, 28);
        Cost fitted = cost(other, CPU, Precision.FP32, Layout.PLAIN, 1);
        assertThat(fitted.source()).isEqualTo(CostSource.ANALYTICAL);
        assertThat(fitted.note()).contains("fitted", "unmeasured shape");
        // 96->96 3x3 on 28x28 has 65 M MACs, between the measured 128->128 (116 M MACs, 468 us) and the
        // 1x1 64->128 stride 2 (6.4 M MACs, 126 us)
        assertThat(fitted.timeNs()).isBetween(126_490L, 468_400L);
    }

    @Test
    void fp32FusedLayersArePassesAndInt8FusesThem() {
        GraphBuilder b = new GraphBuilder("convbnrelu");
        int x = b.input("x", TensorType.fp32(1, 64, 56, 56));
        int c = b.conv("conv", x, 64, 3, 1, 1, false);
        int out = b.relu("relu", b.bn("bn", c));
        GroupedGraph g = Grouping.apply(b.build(out));
        Cost fp32 = cost(g, CPU, Precision.FP32, Layout.PLAIN, 1);
        Cost int8 = cost(g, CPU, Precision.INT8, Layout.PLAIN, 1);
        assertThat(fp32.timeNs()).isGreaterThan(721_550);
        assertThat(fp32.breakdown().computeNs()).isEqualTo(721_550);
        assertThat(int8.timeNs()).isEqualTo(307_770);
    }

    @Test
    void blockedInt8OnlyForElementwiseGroupsAndOpaqueOnlyInFp32() {
        GraphBuilder b = new GraphBuilder("add");
        int x = b.input("x", TensorType.fp32(1, 64, 56, 56));
        int y = b.input("y", TensorType.fp32(1, 64, 56, 56));
        GroupedGraph add = Grouping.apply(b.build(b.addTensors("add", x, y)));
        assertThat(model.cost(add, TestGraphs.only(add), CPU, Precision.INT8, Layout.BLOCKED, 1)).isPresent();
        assertThat(model.cost(add, TestGraphs.only(add), CPU, Precision.FP32, Layout.BLOCKED, 1)).isEmpty();
        assertThat(model.cost(LAYER1, TestGraphs.only(LAYER1), CPU, Precision.INT8, Layout.BLOCKED, 1)).isEmpty();
        GroupedGraph opaque = TestGraphs.single(new Opaque("TopK", new TensorType(java.util.List.of(1, 10),
                DType.FP32), 0), 1, 1000);
        Cost o = cost(opaque, CPU, Precision.FP32, Layout.PLAIN, 1);
        assertThat(o.timeNs()).isPositive();
        assertThat(model.cost(opaque, TestGraphs.only(opaque), CPU, Precision.INT8, Layout.PLAIN, 1)).isEmpty();
        assertThat(model.cost(LAYER1, TestGraphs.only(LAYER1), CPU, Precision.FP16, Layout.PLAIN, 1)).isEmpty();
    }
}
