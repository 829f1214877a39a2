package dev.hetplace.backends.vta.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.ExecutionResult;
import dev.hetplace.backends.exec.Executor;
import dev.hetplace.backends.exec.TestGraphs;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.backends.vta.VtaWorkloads;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.VtaConfig;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.ActivationKind;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.tensor.TensorType;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A plan's VTA groups executed on the VTA simulator give the CPU int8 path's outputs bit for bit (synthetic
 * weights and calibration images of seed 1), and the runner says which groups it simulated and how many cycles.
 */
class VtaGroupRunnerTest {
    private static final Parallel SEQ = Parallel.sequential();

    /** Every group VTA has a workload for on device {@code vta} in int8, the rest on {@code cpu} in int8. */
    private static ExecutionPlan vtaWherePossible(GroupedGraph g) {
        ExecutionPlan plan = ExecutionPlan.allCpu(g, Precision.INT8).withDevice("vta", DeviceKind.VTA);
        for (Group group : g.groups()) {
            if (VtaWorkloads.of(g, group, 1).isPresent()) {
                plan = plan.with(group.id(), new Choice("vta", Precision.INT8, Layout.BLOCKED));
            }
        }
        return plan;
    }

    private static long vtaGroups(ExecutionPlan plan) {
        return plan.choices().values().stream().filter(c -> c.device().equals("vta")).count();
    }

    private record Run(ExecutionPlan plan, VtaGroupRunner runner, List<float[]> cpu, List<float[]> simulated) {
    }

    private static Run run(Graph graph, CalibrationMode calibration, VtaConfig config) {
        GroupedGraph g = Grouping.apply(graph);
        CalibrationInputs inputs = CalibrationInputs.synthetic(g.graph(), 1, 1);
        CalibratedModel model = CalibratedModel.prepare(g, WeightMode.SYNTHETIC, 1, calibration, inputs, SEQ);
        ExecutionPlan plan = vtaWherePossible(g);
        Executor cpu = model.executor(SEQ);
        VtaGroupRunner runner = new VtaGroupRunner(Map.of("vta", config));
        float[] sample = inputs.samples().get(0)[0];
        ExecutionResult a = cpu.run(g, plan, sample);
        ExecutionResult b = cpu.withVtaGroups(runner).run(g, plan, sample);
        return new Run(plan, runner, a.outputs(), b.outputs());
    }

    private static void assertBitIdentical(Run r) {
        assertThat(r.simulated()).hasSameSizeAs(r.cpu());
        for (int i = 0; i < r.cpu().size(); i++) {
            assertThat(r.simulated().get(i)).as("output %d", i).isEqualTo(r.cpu().get(i));
        }
    }

    /**
     * A standalone ReLU6 on the input, conv + ReLU6, conv + bias + ReLU, a residual add + ReLU, pooling with a
     * ReLU6 (a CPU group), a 1x1 conv, dense + ReLU.
     */
    private static Graph mixed() {
        GraphBuilder b = new GraphBuilder("mixed");
        int x = b.add("relu6_in", Activation.of(ActivationKind.RELU6),
                b.input("data", TensorType.fp32(1, 3, 12, 12)));
        int c0 = b.add("relu6_0", Activation.of(ActivationKind.RELU6), b.conv("conv0", x, 24, 3, 1, 1, false));
        int c1 = b.relu("relu1", b.conv("conv1", c0, 24, 3, 1, 1, true));
        int sum = b.relu("relu_add", b.addTensors("add", c1, c0));
        int r6 = b.add("relu6_pool", Activation.of(ActivationKind.RELU6), b.add("pool",
                dev.hetplace.ir.op.Pool.max(2, 2, 0), sum));
        int c2 = b.add("conv2", Conv2d.square(40, 1, 1, 0, true), r6);
        int gp = b.add("flatten", new Flatten(1), b.add("gap", new GlobalPool(PoolKind.AVG), c2));
        int fc = b.relu("fc_relu", b.dense("fc", gp, 10));
        return b.build(fc);
    }

    @Test
    void smallResnetOnTheSimulatorEqualsTheCpuInt8PathBitForBit() {
        Run r = run(BatchNormFolding.apply(TestGraphs.smallResnet()), CalibrationMode.GLOBAL_SCALE,
                VtaConfig.DEFAULT);
        assertBitIdentical(r);
        // conv0, two convs per block, the stage-2 downsample, two residual adds, fc
        assertThat(vtaGroups(r.plan())).isEqualTo(9);
        VtaGroupRunner.Summary s = r.runner().summary(r.plan());
        assertThat(s.declined()).isEmpty();
        assertThat(s.simulated()).isEqualTo(9);
        assertThat(s.cycles()).isPositive();
    }

    @Test
    void reluSixStandaloneActivationsAndDenseEqualTheCpuBitForBitOnTwoConfigurations() {
        for (VtaConfig c : List.of(VtaConfig.DEFAULT, new VtaConfig(0, 3, 3, 15, 18, 17, 15, 100, 64, "hls"))) {
            Run r = run(mixed(), CalibrationMode.GLOBAL_SCALE, c);
            assertBitIdentical(r);
            VtaGroupRunner.Summary s = r.runner().summary(r.plan());
            assertThat(s.declined()).as("%s", c).isEmpty();
            assertThat((long) s.simulated()).isEqualTo(vtaGroups(r.plan())).isEqualTo(6);
        }
    }

    @Test
    void perTensorScalesStillGiveTheCpuBitsWithGroupsVtaCannotMatchDeclined() {
        Run r = run(mixed(), CalibrationMode.MAX, VtaConfig.DEFAULT);
        assertBitIdentical(r);
        VtaGroupRunner.Summary s = r.runner().summary(r.plan());
        assertThat(s.simulated() + s.declined().size()).isEqualTo((int) vtaGroups(r.plan()));
        assertThat(s.simulated()).isPositive();
    }

    @Test
    void anUnfoldedBatchNormIsDeclinedWithItsReason() {
        Run r = run(TestGraphs.smallResnet(), CalibrationMode.GLOBAL_SCALE, VtaConfig.DEFAULT);
        assertBitIdentical(r);
        VtaGroupRunner.Summary s = r.runner().summary(r.plan());
        assertThat(s.declined()).isNotEmpty();
        assertThat(s.declined().values()).allMatch(why -> why.contains("the CPU computes it apart"));
    }

    /**
     * Every resnet18 group VTA runs on VTA: the 8 residual adds run fused into the conv before them, as TVM builds
     * them and as the cost model prices them, and still give the CPU's bits.
     */
    @Test
    void resnet18OnTheSimulatorEqualsTheCpuInt8PathBitForBitWithItsAddsFused() {
        Graph graph = BatchNormFolding.apply(ModelZoo.build("resnet18"));
        Run r = run(graph, CalibrationMode.GLOBAL_SCALE, VtaConfig.DEFAULT);
        assertBitIdentical(r);
        VtaGroupRunner.Summary s = r.runner().summary(r.plan());
        assertThat(s.declined()).isEmpty();
        assertThat(s.simulated()).isEqualTo(29);
        assertThat(s.fused()).isEqualTo(8);
        // a fused add's cycles are what it adds to its conv's (the fused conv's timing minus the conv's alone),
        // every other group's its own program's
        GroupedGraph g = Grouping.apply(graph);
        VtaSimulator sim = new VtaSimulator();
        long expected = 0;
        for (Group group : g.groups()) {
            if (!r.plan().choice(group.id()).device().equals("vta")) {
                continue;
            }
            Optional<Group> conv = VtaWorkloads.fusionProducer(g, group);
            expected += conv.isEmpty()
                    ? sim.time(group.name(), VtaWorkloads.of(g, group, 1).orElseThrow(), VtaConfig.DEFAULT).cycles()
                    : sim.time(group.name(), VtaWorkloads.fusedConvAdd(g, conv.get(), group, 1).orElseThrow(),
                            VtaConfig.DEFAULT).cycles() - sim.time(conv.get().name(),
                            VtaWorkloads.of(g, conv.get(), 1).orElseThrow(), VtaConfig.DEFAULT).cycles();
        }
        assertThat(s.cycles()).isEqualTo(expected);
        // the timing simulator's cycles for the 29 groups at batch 1, 100 MHz default configuration (124.1 ms);
        // 12,853,657 (128.5 ms) when the adds ran as standalone ALU groups
        assertThat(s.cycles()).isEqualTo(12_410_163L);
    }

    /** A residual add whose conv runs on the CPU cannot fuse: it runs as a standalone ALU group, same bits. */
    @Test
    void anAddWhoseConvRanOnTheCpuRunsAlone() {
        Graph graph = BatchNormFolding.apply(ModelZoo.build("resnet18"));
        GroupedGraph g = Grouping.apply(graph);
        CalibrationInputs inputs = CalibrationInputs.synthetic(g.graph(), 1, 1);
        CalibratedModel model = CalibratedModel.prepare(g, WeightMode.SYNTHETIC, 1, CalibrationMode.GLOBAL_SCALE,
                inputs, SEQ);
        ExecutionPlan plan = ExecutionPlan.allCpu(g, Precision.INT8).withDevice("vta", DeviceKind.VTA);
        for (Group group : g.groups()) {
            if (group.name().equals("layer1.0.add")) {
                plan = plan.with(group.id(), new Choice("vta", Precision.INT8, Layout.BLOCKED));
            }
        }
        VtaGroupRunner runner = new VtaGroupRunner(Map.of("vta", VtaConfig.DEFAULT));
        float[] sample = inputs.samples().get(0)[0];
        Executor cpu = model.executor(SEQ);
        assertThat(cpu.withVtaGroups(runner).run(g, plan, sample).outputs().get(0))
                .isEqualTo(cpu.run(g, plan, sample).outputs().get(0));
        VtaGroupRunner.Summary s = runner.summary(plan);
        assertThat(s.simulated()).isEqualTo(1);
        assertThat(s.fused()).isZero();
    }
}
