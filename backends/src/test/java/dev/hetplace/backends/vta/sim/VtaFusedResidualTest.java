package dev.hetplace.backends.vta.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.cpu.ActivationKernel;
import dev.hetplace.backends.cpu.EltwiseKernel;
import dev.hetplace.backends.cpu.Int8Tensor;
import dev.hetplace.backends.cpu.Shape;
import dev.hetplace.backends.vta.VtaAluStep;
import dev.hetplace.backends.vta.VtaConvWorkload;
import dev.hetplace.backends.vta.VtaEpilogues;
import dev.hetplace.backends.vta.VtaEpilogues.Activation;
import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaSchedule;
import dev.hetplace.backends.vta.VtaWorkloads;
import dev.hetplace.hw.VtaConfig;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A residual add fused into the conv before it, as TVM's {@code schedule_conv2d_packed} runs it: the add's other
 * summand DMA-loaded into the accumulator buffer, the ALU's ADD, saturation and ReLU after the conv's requantize.
 * The fused stream equals the unfused int8 computation (the CPU's conv, then its int8 add and ReLU) bit for bit
 * on seeded data, the functional and timing simulators count what the analytical plan counts, and the simulated
 * cycles stay within 10% of the analytical ones on resnet18's residual blocks and other shapes.
 */
class VtaFusedResidualTest {
    private static final VtaSchedule SCHEDULE = new VtaSchedule();
    private static final VtaTimingSimulator TIMING = new VtaTimingSimulator();

    /** The fused conv of every resnet18 add group, by add group name, in graph order. */
    static Map<String, VtaConvWorkload> resnet18Fused(String model) {
        GroupedGraph g = Grouping.apply(BatchNormFolding.apply(ModelZoo.build(model)));
        Map<String, VtaConvWorkload> out = new LinkedHashMap<>();
        for (Group add : g.groups()) {
            VtaWorkloads.fusionProducer(g, add).ifPresent(conv -> out.put(add.name() + "<-" + conv.name(),
                    VtaWorkloads.fusedConvAdd(g, conv, add, 1).orElseThrow()));
        }
        return out;
    }

    /** The conv alone: the fused workload's steps before the residual ADD. */
    private static VtaConvWorkload unfused(VtaConvWorkload fused) {
        List<VtaAluStep> steps = fused.aluSteps();
        int at = 0;
        while (!steps.get(at).tileOperand()) {
            at++;
        }
        return new VtaConvWorkload(fused.batch(), fused.inChannels(), fused.inH(), fused.inW(), fused.outChannels(),
                fused.kernelH(), fused.kernelW(), fused.strideH(), fused.strideW(), fused.padTop(), fused.padLeft(),
                fused.padBottom(), fused.padRight(), fused.bias(), steps.subList(0, at));
    }

    /** Runs the fused plan on seeded data against the unfused int8 reference; returns the timing result. */
    private static VtaTimingResult check(String name, VtaPlan plan, long seed) {
        VtaConvWorkload fused = (VtaConvWorkload) plan.workload();
        VtaConvWorkload conv = unfused(fused);
        CpuInt8Reference.Data data = CpuInt8Reference.random(conv, seed);
        byte[] residual = new byte[fused.batch() * fused.outChannels() * fused.outH() * fused.outW()];
        new Random(seed + 1).nextBytes(residual);
        Shape shape = Shape.of(fused.batch(), fused.outChannels(), fused.outH(), fused.outW());
        Int8Tensor sum = EltwiseKernel.int8(EltwiseKind.ADD,
                new Int8Tensor(shape, CpuInt8Reference.run(conv, data), CpuInt8Reference.ACT_LOG2),
                new Int8Tensor(shape, residual, CpuInt8Reference.ACT_LOG2), CpuInt8Reference.ACT_LOG2);
        List<VtaAluStep> after = fused.aluSteps().subList(conv.aluSteps().size(), fused.aluSteps().size());
        if (after.stream().anyMatch(s -> "relu".equals(s.purpose()))) {
            sum = ActivationKernel.int8(dev.hetplace.ir.op.Activation.relu(), sum, sum.scaleLog2());
        }
        VtaProgram p = VtaLowering.lower(name, plan, data.immediates());
        VtaExecution run = VtaExecution.conv(p, data.input(), data.weights(), data.bias(), residual);
        assertThat(run.output()).as("%s seed %d %s", name, seed, plan.tiling()).isEqualTo(sum.data());
        assertThat(run.counters()).as("%s functional counters", name).isEqualTo(plan.total());
        VtaTimingResult timed = TIMING.run(p);
        assertThat(timed.counters()).as("%s timing counters", name).isEqualTo(plan.total());
        return timed;
    }

    private static VtaConvWorkload reduced(VtaConvWorkload c) {
        int hw = Math.min(c.inH(), c.inChannels() >= 256 ? 4 : 8);
        return new VtaConvWorkload(c.batch(), c.inChannels(), hw, hw, c.outChannels(), c.kernelH(), c.kernelW(),
                c.strideH(), c.strideW(), c.padTop(), c.padLeft(), c.padBottom(), c.padRight(), c.bias(),
                c.aluSteps());
    }

    @Test
    void resnet18FusesEachResidualAddIntoTheSecondConvOfItsBlock() {
        Map<String, VtaConvWorkload> fused = resnet18Fused("resnet18");
        assertThat(fused.keySet()).containsExactly("layer1.0.add<-layer1.0.conv2", "layer1.1.add<-layer1.1.conv2",
                "layer2.0.add<-layer2.0.conv2", "layer2.1.add<-layer2.1.conv2", "layer3.0.add<-layer3.0.conv2",
                "layer3.1.add<-layer3.1.conv2", "layer4.0.add<-layer4.0.conv2", "layer4.1.add<-layer4.1.conv2");
        // the conv's bias, requantize and saturation, then the add's residual ADD, saturation and ReLU
        assertThat(fused.values().iterator().next().aluSteps().stream().map(VtaAluStep::purpose).toList())
                .containsExactly("bias", "round", "shift", "saturate", "saturate", VtaAluStep.FUSED_RESIDUAL,
                        "saturate", "saturate", "relu");
    }

    static Stream<Arguments> resnet18Blocks() {
        List<Arguments> args = new ArrayList<>();
        long seed = 5000;
        Map<VtaConvWorkload, String> distinct = new LinkedHashMap<>();
        resnet18Fused("resnet18").forEach((name, w) -> distinct.putIfAbsent(w, name));
        for (Map.Entry<VtaConvWorkload, String> e : distinct.entrySet()) {
            args.add(Arguments.of(e.getValue(), e.getKey(), seed++));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("resnet18Blocks")
    void resnet18BlockEqualsTheUnfusedInt8BitForBit(String name, VtaConvWorkload w, long seed) {
        check(name, SCHEDULE.plan(name, reduced(w), VtaConfig.DEFAULT), seed);
    }

    /** Simulated / analytical cycles and the fused add's extra cycles over the conv alone, per shape. */
    private static String cycles(String name, VtaConvWorkload fused, VtaConfig c) {
        VtaPlan plan = SCHEDULE.plan(name, fused, c);
        VtaTimingResult r = TIMING.run(VtaLowering.lower(name, plan, VtaAluImmediates.DEFAULT));
        assertThat(r.counters()).as("%s counters", name).isEqualTo(plan.total());
        double dev = (double) r.cycles() / plan.cycles().total() - 1;
        assertThat(Math.abs(dev)).as("%s: simulated %d, analytical %d", name, r.cycles(), plan.cycles().total())
                .isLessThanOrEqualTo(0.10);
        VtaPlan alone = SCHEDULE.plan(name, unfused(fused), c);
        return String.format(Locale.ROOT, "%s sim %d model %d (%+.4f) conv alone %d", name, r.cycles(),
                plan.cycles().total(), dev, alone.cycles().total());
    }

    @Test
    void resnet18BlocksAgreeWithTheAnalyticalModel() {
        List<String> lines = new ArrayList<>();
        Map<VtaConvWorkload, String> distinct = new LinkedHashMap<>();
        resnet18Fused("resnet18").forEach((name, w) -> distinct.putIfAbsent(w, name));
        distinct.forEach((w, name) -> lines.add(cycles(name, w, VtaConfig.DEFAULT)));
        // the fused add costs its other summand's DMA (int32, 64 B per entry) and four ALU steps at II 2
        assertThat(lines).containsExactly(
                "layer1.0.add<-layer1.0.conv2 sim 807455 model 804284 (+0.0039) conv alone 593924",
                "layer2.0.add<-layer2.0.conv2 sim 631199 model 629752 (+0.0023) conv alone 524136",
                "layer3.0.add<-layer3.0.conv2 sim 543719 model 542872 (+0.0016) conv alone 489940",
                "layer4.0.add<-layer4.0.conv2 sim 502632 model 502174 (+0.0009) conv alone 475894");
    }

    @Test
    void otherShapesAgreeWithTheAnalyticalModel() {
        List<String> lines = new ArrayList<>();
        // resnet50's bottleneck: the 1x1 expansion 64 -> 256 at 56x56 carries the add
        Map<String, VtaConvWorkload> r50 = resnet18Fused("resnet50");
        lines.add(cycles("resnet50 " + r50.keySet().iterator().next(), r50.values().iterator().next(),
                VtaConfig.DEFAULT));
        // 24 -> 40 channels (padded to 32 and 48), two images, an odd map; and BLOCK 8 / the Ultra96's port
        VtaConvWorkload odd = new VtaConvWorkload(2, 24, 9, 11, 40, 3, 3, 1, 1, 1, 1, 1, 1, true,
                VtaEpilogues.afterGemm(true)).withMoreAluSteps(List.of(VtaAluStep.fusedResidual(),
                VtaAluStep.immediate(dev.hetplace.backends.vta.VtaAluOpcode.MIN, "saturate"),
                VtaAluStep.immediate(dev.hetplace.backends.vta.VtaAluOpcode.MAX, "saturate")));
        lines.add(cycles("odd", odd, VtaConfig.DEFAULT));
        VtaConvWorkload block = resnet18Fused("resnet18").values().iterator().next();
        lines.add(cycles("layer1 block 8", block, new VtaConfig(0, 3, 3, 15, 18, 17, 15, 100, 64, "hls")));
        lines.add(cycles("layer1 ultra96", block, new VtaConfig(0, 4, 4, 15, 18, 17, 15, 333, 128, "hls")));
        assertThat(lines).containsExactly(
                "resnet50 layer1.0.add<-layer1.0.conv3 sim 1624976 model 1582638 (+0.0268) conv alone 760554",
                "odd sim 32643 model 32641 (+0.0001) conv alone 24046",
                "layer1 block 8 sim 2390442 model 2389594 (+0.0004) conv alone 2085900",
                "layer1 ultra96 sim 748410 model 748128 (+0.0004) conv alone 592998");
    }

    @Test
    void otherShapesEqualTheUnfusedInt8BitForBit() {
        VtaConvWorkload odd = new VtaConvWorkload(2, 24, 9, 11, 40, 3, 3, 1, 1, 1, 1, 1, 1, true,
                VtaEpilogues.afterGemm(true, Activation.RELU)).withMoreAluSteps(List.of(VtaAluStep.fusedResidual(),
                VtaAluStep.immediate(dev.hetplace.backends.vta.VtaAluOpcode.MIN, "saturate"),
                VtaAluStep.immediate(dev.hetplace.backends.vta.VtaAluOpcode.MAX, "saturate"),
                VtaAluStep.immediate(dev.hetplace.backends.vta.VtaAluOpcode.MAX, "relu")));
        check("odd", SCHEDULE.plan("odd", odd, VtaConfig.DEFAULT), 6001);
        Map<String, VtaConvWorkload> r50 = resnet18Fused("resnet50");
        check("resnet50 bottleneck", SCHEDULE.plan("r50", reduced(r50.values().iterator().next()),
                VtaConfig.DEFAULT), 6002);
        VtaConvWorkload block = reduced(resnet18Fused("resnet18").values().iterator().next());
        check("block 8", SCHEDULE.plan("b8", block, new VtaConfig(0, 3, 3, 15, 18, 17, 15, 100, 64, "hls")), 6003);
        check("batch 2", SCHEDULE.plan("bt2", block, new VtaConfig(1, 4, 4, 15, 18, 17, 15, 100, 64, "hls")), 6004);
    }
}
