package dev.hetplace.cost.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.cost.ConversionPath;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CrossingStep;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.cost.cpu.CpuInContext;
import dev.hetplace.cost.gpu.DispatchClass;
import dev.hetplace.cost.gpu.GpuDispatch;
import dev.hetplace.cost.gpu.GpuInContext;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.models.DeviceCostModels;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-model corrections of x86-h200 as fitted to its shipped end_to_end.csv, and how groups and crossings use them. */
class InContextTest {
    private static final Platform X86 = Profiles.builtIn("x86-h200");
    private static final Device CPU = X86.device("cpu").orElseThrow();
    private static final Device GPU = X86.device("gpu").orElseThrow();
    private static final GroupedGraph RESNET18 = Grouping.apply(BatchNormFolding.apply(ModelZoo.build("resnet18")));

    private static Group group(String name) {
        return RESNET18.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void cpuFactorsPerThreadCountArePinned() {
        CpuInContext c = new DeviceCostModels(GpuTiming.EAGER, null).cpu().inContext(CPU);
        assertThat(c.factorByThreads().keySet()).containsExactly(1, 4);
        assertThat(c.factor(1)).isCloseTo(0.615, within(0.001));
        assertThat(c.factor(4)).isCloseTo(1.242, within(0.001));
        // geometric in log(threads): halfway between 1 and 4
        assertThat(c.factor(2)).isCloseTo(Math.sqrt(c.factor(1) * c.factor(4)), within(1e-9));
        assertThat(c.factor(16)).isEqualTo(c.factor(4));
        assertThat(c.rowsByThreads()).containsEntry(1, 3).containsEntry(4, 3);
    }

    @Test
    void gpuFactorsAndDispatchesArePinned() {
        GpuInContext g = new DeviceCostModels(GpuTiming.EAGER, null).gpu().inContext(GPU);
        assertThat(g.factor(Precision.FP32)).isCloseTo(1.159, within(0.001));
        assertThat(g.factor(Precision.FP16)).isCloseTo(0.989, within(0.001));
        assertThat(g.graphFactor()).doesNotContainKeys(Precision.TF32, Precision.BF16, Precision.INT8);
        assertThat(g.factor(Precision.BF16)).isEqualTo(1.0);
        GpuDispatch d = g.dispatch();
        assertThat(d.us(DispatchClass.CONV, Precision.FP32)).isCloseTo(18.2, within(0.05));
        assertThat(d.us(DispatchClass.CONV, Precision.FP16)).isCloseTo(26.5, within(0.05));
        assertThat(d.us(DispatchClass.GEMM, Precision.FP32)).isCloseTo(17.9, within(0.05));
        assertThat(d.elementwiseRatio()).isCloseTo(0.659, within(0.0005));
        for (DispatchClass c : List.of(DispatchClass.ELEMENTWISE, DispatchClass.POOL, DispatchClass.REDUCTION,
                DispatchClass.CAST)) {
            assertThat(d.us(c, Precision.FP32)).isCloseTo(0.659 * 18.2, within(0.05));
            assertThat(d.source(c, Precision.FP32)).contains("fitted to 4 whole-model eager rows");
        }
        assertThat(d.source(DispatchClass.CONV, Precision.FP32)).startsWith("measured");
        assertThat(g.syncUs()).isEqualTo(24.84);
    }

    @Test
    void anEagerAddPaysElementWiseDispatchNotAConvLaunch() {
        DeviceCostModels eager = new DeviceCostModels(GpuTiming.EAGER, null);
        Group add = group("layer1.0.add");
        Cost c = eager.groups().cost(RESNET18, add, GPU, Precision.FP32, Layout.PLAIN, 1).orElseThrow();
        // two kernels (add, fused ReLU), each shorter than its 12.0 us dispatch: the dispatches are the time
        double dispatch = eager.gpu().inContext(GPU).dispatch().us(DispatchClass.ELEMENTWISE, Precision.FP32);
        assertThat(c.timeNs()).isEqualTo(2 * Math.round(dispatch * 1000));
        assertThat(c.timeNs()).isLessThan(25_000);
        Cost conv = eager.groups().cost(RESNET18, group("layer4.0.conv2"), GPU, Precision.FP32, Layout.PLAIN, 1)
                .orElseThrow();
        // a 109.3 us fp32 kernel (graph row) hides its dispatch: 1.159 x 109.3
        assertThat(conv.timeNs() / 1000.0).isCloseTo(1.159 * 109.3, within(0.3));
        assertThat(conv.breakdown().launchNs()).isZero();
    }

    @Test
    void graphTimingScalesIsolatedKernelsByThePrecisionsFactor() {
        DeviceCostModels graph = new DeviceCostModels(GpuTiming.GRAPH, null);
        Group conv = group("layer4.0.conv2");
        GroupWork w = GroupWork.of(RESNET18, conv);
        long isolated = graph.gpu().isolatedCost(w, GPU.gpu(), Precision.FP16, 1, GpuTiming.GRAPH).timeNs();
        long inModel = graph.groups().cost(RESNET18, conv, GPU, Precision.FP16, Layout.PLAIN, 1).orElseThrow()
                .timeNs();
        assertThat((double) inModel / isolated).isCloseTo(0.989, within(0.001));
    }

    @Test
    void readBacksToTheHostPaySynchronisationOnlyUnderEagerTiming() {
        long elements = 64 * 56 * 56;
        Choice gpu = new Choice("gpu", Precision.FP32, Layout.PLAIN);
        Choice cpu = new Choice("cpu", Precision.FP32, Layout.PLAIN);
        List<CrossingStep> eager = new ConversionPath(X86, new DeviceCostModels(GpuTiming.EAGER, null).crossings())
                .steps(gpu, cpu, elements).orElseThrow();
        assertThat(eager).extracting(CrossingStep::key).containsExactly("transfer:gpu->cpu:fp32",
                "transfer:gpu->cpu:sync");
        assertThat(eager.get(1).ns()).isEqualTo(24_840);
        List<CrossingStep> graph = new ConversionPath(X86, new DeviceCostModels(GpuTiming.GRAPH, null).crossings())
                .steps(gpu, cpu, elements).orElseThrow();
        assertThat(graph).extracting(CrossingStep::key).containsExactly("transfer:gpu->cpu:fp32");
        List<CrossingStep> toGpu = new ConversionPath(X86, new DeviceCostModels(GpuTiming.EAGER, null).crossings())
                .steps(cpu, gpu, elements).orElseThrow();
        assertThat(toGpu).extracting(CrossingStep::key).containsExactly("transfer:cpu->gpu:fp32");
    }

    @Test
    void anEagerGpuCastPaysAtLeastItsDispatch() {
        DeviceCostModels eager = new DeviceCostModels(GpuTiming.EAGER, null);
        long ns = eager.crossings().castNs(GPU, Precision.FP32, Precision.FP16, 1000);
        double dispatch = eager.gpu().inContext(GPU).dispatch().us(DispatchClass.CAST, Precision.FP16);
        assertThat(ns).isEqualTo(Math.round(dispatch * 1000));
    }
}
