package dev.hetplace.cost.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.cost.TestGraphs;
import dev.hetplace.cost.context.InContextFit;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.tensor.DType;
import dev.hetplace.ir.tensor.TensorType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuCostModelTest {
    private static final Device GPU = Profiles.builtIn("x86-h200").device("gpu").orElseThrow();
    /** ResNet-18's layer1 conv: 64x56x56, 3x3, stride 1 (gpu_layers.csv rows resnet18 1-4). */
    private static final GroupedGraph LAYER1 = TestGraphs.single(Conv2d.square(64, 3, 1, 1, false), 1, 64, 56, 56);

    private static Cost cost(GpuTiming timing, GroupedGraph g, Precision p, int batch) {
        return new GpuCostModel(timing, InContextFit::gpu).cost(g, TestGraphs.only(g), GPU, p, Layout.PLAIN, batch).orElseThrow();
    }

    private static Cost isolated(GpuTiming timing, GroupedGraph g, Precision p, int batch) {
        return new GpuCostModel(timing, InContextFit::gpu).isolatedCost(GroupWork.of(g, TestGraphs.only(g)), GPU.gpu(), p, batch, timing);
    }

    @Test
    void measuredShapesAreLookedUpPerTiming() {
        Cost eager = isolated(GpuTiming.EAGER, LAYER1, Precision.FP16, 1);
        Cost graph = isolated(GpuTiming.GRAPH, LAYER1, Precision.FP16, 1);
        assertThat(eager.source()).isEqualTo(CostSource.MEASURED);
        assertThat(eager.timeNs()).isEqualTo(32_130);
        assertThat(graph.timeNs()).isEqualTo(8_020);
        assertThat(isolated(GpuTiming.GRAPH, LAYER1, Precision.FP32, 32).timeNs()).isEqualTo(271_460);
    }

    @Test
    void inModelAKernelTakesItsGraphTimeTimesTheFactorAndEagerAtLeastItsDispatch() {
        GpuCostModel model = new GpuCostModel(GpuTiming.EAGER, InContextFit::gpu);
        double factor = model.inContext(GPU).factor(Precision.FP16);
        assertThat(cost(GpuTiming.GRAPH, LAYER1, Precision.FP16, 1).timeNs()).isEqualTo(Math.round(8_020 * factor));
        // the 8.0 us kernel hides behind its 26.5 us fp16 conv dispatch, where the isolated eager row (32.1 us)
        // timed the two in series
        Cost eager = cost(GpuTiming.EAGER, LAYER1, Precision.FP16, 1);
        assertThat(eager.source()).isEqualTo(CostSource.MEASURED);
        assertThat(eager.timeNs()).isEqualTo(Math.round(model.inContext(GPU).dispatch()
                .us(DispatchClass.CONV, Precision.FP16) * 1000));
        assertThat(eager.timeNs()).isLessThan(32_130);
    }

    @Test
    void int8ComesFromTheInt8GemmRows() {
        Cost c = cost(GpuTiming.GRAPH, LAYER1, Precision.INT8, 1);
        assertThat(c.source()).isEqualTo(CostSource.MEASURED);
        assertThat(c.timeNs()).isEqualTo(21_890);
        assertThat(c.note()).contains("int8_gemm");
    }

    @Test
    void unmeasuredBatchIsFittedBetweenTheMeasuredOnes() {
        Cost b8 = cost(GpuTiming.GRAPH, LAYER1, Precision.FP16, 8);
        assertThat(b8.source()).isEqualTo(CostSource.ANALYTICAL);
        assertThat(b8.note()).contains("fitted").contains("batch scaled from [1, 32]");
        assertThat(b8.timeNs()).isBetween(8_020L, 39_250L);
    }

    @Test
    void halfPrecisionPadsThreeInputChannelsToFour() {
        GroupedGraph stem = TestGraphs.single(Conv2d.square(16, 3, 1, 1, false), 1, 3, 112, 112);
        Cost c = cost(GpuTiming.GRAPH, stem, Precision.FP16, 1);
        assertThat(c.source()).isEqualTo(CostSource.ANALYTICAL);
        assertThat(c.breakdown().usefulFraction()).isEqualTo(0.75);
        assertThat(c.breakdown().paddingWasteNs()).isCloseTo(c.timeNs() / 4, within(1L));
        assertThat(c.note()).contains("padded 3 -> 4");
        assertThat(cost(GpuTiming.GRAPH, stem, Precision.FP32, 1).breakdown().usefulFraction()).isEqualTo(1.0);
    }

    @Test
    void anElementwiseKernelCostsItsEagerDispatchNotTheConvLaunch() {
        GroupedGraph relu = TestGraphs.single(dev.hetplace.ir.op.Activation.relu(), 1, 64, 56, 56);
        long eager = cost(GpuTiming.EAGER, relu, Precision.FP32, 1).timeNs();
        long graph = cost(GpuTiming.GRAPH, relu, Precision.FP32, 1).timeNs();
        // isolated: graphOverheadUs (2.78) + 1.6 MB at 4800 GB/s; in-model x1.159 (fp32)
        long isolatedGraph = 2_780 + Math.round(2 * 64 * 56 * 56 * 4 / 4800.0);
        assertThat(isolated(GpuTiming.GRAPH, relu, Precision.FP32, 1).timeNs()).isEqualTo(isolatedGraph);
        assertThat(graph).isCloseTo(Math.round(isolatedGraph * 1.159), within(5L));
        // under eager timing the 3.9 us kernel waits for its 12.0 us element-wise dispatch (0.659 x the conv's)
        assertThat(eager).isEqualTo(Math.round(new GpuCostModel(GpuTiming.EAGER, InContextFit::gpu).inContext(GPU).dispatch()
                .us(DispatchClass.ELEMENTWISE, Precision.FP32) * 1000));
        assertThat(eager).isBetween(11_900L, 12_100L);
    }

    @Test
    void infeasibleChoicesAreEmpty() {
        GpuCostModel m = new GpuCostModel(GpuTiming.EAGER, InContextFit::gpu);
        GroupedGraph dw = TestGraphs.single(Conv2d.square(32, 3, 1, 1, false).withGroups(32), 1, 32, 112, 112);
        GroupedGraph opaque = TestGraphs.single(new Opaque("NonMaxSuppression",
                new TensorType(java.util.List.of(1, 100), DType.FP32), 0), 1, 100);
        assertThat(m.cost(dw, TestGraphs.only(dw), GPU, Precision.INT8, Layout.PLAIN, 1)).isEmpty();
        assertThat(m.cost(dw, TestGraphs.only(dw), GPU, Precision.FP16, Layout.PLAIN, 1)).isPresent();
        assertThat(m.cost(LAYER1, TestGraphs.only(LAYER1), GPU, Precision.FP16, Layout.BLOCKED, 1)).isEmpty();
        assertThat(m.cost(opaque, TestGraphs.only(opaque), GPU, Precision.FP32, Layout.PLAIN, 1))
                .isEqualTo(Optional.empty());
    }
}
