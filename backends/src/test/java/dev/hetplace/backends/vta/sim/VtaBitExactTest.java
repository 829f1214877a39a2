package dev.hetplace.backends.vta.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.vta.VtaAluWorkload;
import dev.hetplace.backends.vta.VtaConvWorkload;
import dev.hetplace.backends.vta.VtaDenseWorkload;
import dev.hetplace.backends.vta.VtaEpilogues;
import dev.hetplace.backends.vta.VtaEpilogues.Activation;
import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaSchedule;
import dev.hetplace.backends.vta.VtaTiling;
import dev.hetplace.backends.vta.VtaWorkload;
import dev.hetplace.hw.VtaConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The functional simulator against the CPU backend's int8 kernels, bit for bit, on seeded random data (the seed is
 * named in each case): pack, run the lowered stream, unpack.
 */
class VtaBitExactTest {
    private static final VtaSchedule SCHEDULE = new VtaSchedule();
    private static final VtaTimingSimulator TIMING = new VtaTimingSimulator();

    /** Runs the plan functionally and through the hazard-checking timing simulation; returns the VTA output. */
    private static byte[] check(String name, VtaPlan plan, long seed) {
        CpuInt8Reference.Data data = CpuInt8Reference.random(plan.workload(), seed);
        VtaProgram p = VtaLowering.lower(name, plan, data.immediates());
        VtaExecution run = CpuInt8Reference.vta(p, data);
        byte[] cpu = CpuInt8Reference.run(plan.workload(), data);
        assertThat(run.output()).as("%s seed %d %s", name, seed, plan.tiling()).isEqualTo(cpu);
        assertThat(run.counters()).as("%s functional counters", name).isEqualTo(plan.total());
        assertThat(TIMING.run(p).counters()).as("%s timing counters", name).isEqualTo(plan.total());
        return run.output();
    }

    private static byte[] check(String name, VtaWorkload w, VtaConfig c, long seed) {
        return check(name, SCHEDULE.plan(name, w, c), seed);
    }

    /** Every distinct conv / dense workload of resnet18 with its channels, kernel, stride and padding; small maps. */
    static Stream<Arguments> resnet18Shapes() {
        Map<VtaWorkload, String> distinct = new LinkedHashMap<>();
        for (ResNet18Groups.VtaGroup g : ResNet18Groups.all()) {
            if (!(g.workload() instanceof VtaAluWorkload)) {
                distinct.putIfAbsent(g.workload(), g.name());
            }
        }
        List<Arguments> args = new ArrayList<>();
        long seed = 1000;
        for (Map.Entry<VtaWorkload, String> e : distinct.entrySet()) {
            args.add(Arguments.of(e.getValue(), reduced(e.getKey()), seed++));
        }
        return args.stream();
    }

    private static VtaWorkload reduced(VtaWorkload w) {
        if (!(w instanceof VtaConvWorkload c)) {
            return w;
        }
        int s = c.kernelH() == 7 ? 20 : c.inChannels() >= 256 ? 4 : 8;
        int hw = Math.min(c.inH(), s);
        return new VtaConvWorkload(c.batch(), c.inChannels(), hw, hw, c.outChannels(), c.kernelH(), c.kernelW(),
                c.strideH(), c.strideW(), c.padTop(), c.padLeft(), c.padBottom(), c.padRight(), c.bias(),
                c.aluSteps());
    }

    @Test
    void resnet18HasSixteenDistinctConvAndDenseWorkloads() {
        // the stem; per stage 3x3 convs with and without ReLU (the first of stages 2-4 strided) and a 1x1
        // downsample; fc
        assertThat(resnet18Shapes().count()).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("resnet18Shapes")
    void resnet18ShapeEqualsTheCpuBitForBit(String group, VtaWorkload w, long seed) {
        check(group, w, VtaConfig.DEFAULT, seed);
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("resnet18Shapes")
    @EnabledIfSystemProperty(named = "hetplace.vta.fullsize", matches = "true")
    void resnet18FullSizeEqualsTheCpuBitForBit(String group, VtaWorkload reducedShape, long seed) {
        VtaWorkload full = ResNet18Groups.all().stream().filter(g -> g.name().equals(group)).findFirst()
                .orElseThrow().workload();
        check(group, full, VtaConfig.DEFAULT, seed);
    }

    @Test
    void channelCountsThatNeedPadding() {
        // 3 -> 24 with ReLU6 (clip to [0, 96] at scale 2^-4), 24 -> 24 strided on an odd map with two images,
        // dense 24 -> 1000 over three rows and 1000 -> 24
        check("c3to24", new VtaConvWorkload(1, 3, 10, 10, 24, 3, 3, 1, 1, 1, 1, 1, 1, true,
                VtaEpilogues.afterGemm(true, Activation.CLIP)), VtaConfig.DEFAULT, 11);
        check("c24to24", new VtaConvWorkload(2, 24, 9, 9, 24, 3, 3, 2, 2, 1, 1, 1, 1, true,
                VtaEpilogues.afterGemm(true, Activation.RELU)), VtaConfig.DEFAULT, 12);
        check("d24to1000", new VtaDenseWorkload(3, 24, 1000, true, VtaEpilogues.afterGemm(true)), VtaConfig.DEFAULT,
                13);
        check("d1000to24", new VtaDenseWorkload(1, 1000, 24, false, VtaEpilogues.afterGemm(false)),
                VtaConfig.DEFAULT, 14);
    }

    @Test
    void everyFittingTilingOfASmallConvGivesTheSameBits() {
        // 24 -> 60 channels (padded to 32 and 64), 3x3, asymmetric padding, two images, 6x7 output: every
        // tiling of the knob space (4 row x 2 column x 2 input-channel x 3 output-channel splits, 1 or 2 oc and
        // h threads where they divide) fits, and each must give the CPU's bits
        VtaConvWorkload w = new VtaConvWorkload(2, 24, 6, 7, 60, 3, 3, 1, 1, 2, 1, 0, 1, true,
                VtaEpilogues.afterGemm(true, Activation.RELU));
        List<VtaTiling> tilings = SCHEDULE.fittingTilings("small", w, VtaConfig.DEFAULT);
        assertThat(tilings).hasSize(4 * 2 * 2 * 3 + 2 * 2 * 2 * 3 + 4 * 2 * 2 * 2 + 2 * 2 * 2 * 2);
        byte[] first = null;
        for (VtaTiling t : tilings) {
            byte[] out = check("small", SCHEDULE.evaluate("small", w, VtaConfig.DEFAULT, t), 21);
            if (first == null) {
                first = out;
            }
            assertThat(out).isEqualTo(first);
        }
        assertThat(tilings.stream().filter(t -> t.threads() == 4)).isNotEmpty();
    }

    @Test
    void everyFittingTilingOfASmallDenseGivesTheSameBits() {
        // six rows of 40 -> 60 features: 4 row x 2 input x 3 output splits, oc_nthread 2 where it divides;
        // tile_b > 1 gives one GEMM kernel per row of the tile
        VtaDenseWorkload w = new VtaDenseWorkload(6, 40, 60, true, VtaEpilogues.afterGemm(true, Activation.RELU));
        List<VtaTiling> tilings = SCHEDULE.fittingTilings("dense", w, VtaConfig.DEFAULT);
        assertThat(tilings).hasSize(4 * 2 * 3 + 4 * 2 * 2);
        assertThat(tilings.stream().filter(t -> t.tileB().inner() > 1 && t.ocNthread() == 2)).isNotEmpty();
        for (VtaTiling t : tilings) {
            check("dense", SCHEDULE.evaluate("dense", w, VtaConfig.DEFAULT, t), 22);
        }
    }

    @Test
    void residualAddAndStandaloneClip() {
        check("add", new VtaAluWorkload(1, 40, 6, 6, 2, VtaEpilogues.eltwiseAdd(2, Activation.RELU)),
                VtaConfig.DEFAULT, 31);
        check("relu6", new VtaAluWorkload(2, 24, 5, 3, 1, VtaEpilogues.activationOnly(Activation.CLIP)),
                VtaConfig.DEFAULT, 32);
    }

    static Stream<Arguments> variants() {
        VtaConfig d = VtaConfig.DEFAULT;
        return Stream.of(
                Arguments.of("block 8", new VtaConfig(0, 3, 3, 15, 18, 17, 15, 100, 64, "hls")),
                Arguments.of("block 32", new VtaConfig(0, 5, 5, 15, 18, 17, 15, 100, 64, "hls")),
                Arguments.of("batch 2", new VtaConfig(1, 4, 4, 15, 18, 17, 15, 100, 64, "hls")),
                Arguments.of("small buffers", new VtaConfig(0, 4, 4, 12, 14, 13, 11, 100, 64, "hls")),
                Arguments.of("chisel", new VtaConfig(0, 4, 4, 15, 18, 17, 13, 100, 64, "chisel")),
                Arguments.of("ultra96", new VtaConfig(d.logBatch(), 4, 4, 15, 18, 17, 15, 333, 128, "hls")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void variantsEqualTheCpuBitForBit(String name, VtaConfig c) {
        check("stem", new VtaConvWorkload(3, 3, 12, 12, 64, 7, 7, 2, 2, 3, 3, 3, 3, true,
                VtaEpilogues.afterGemm(true, Activation.RELU)), c, 41);
        check("down", new VtaConvWorkload(1, 64, 8, 8, 128, 3, 3, 2, 2, 1, 1, 1, 1, true,
                VtaEpilogues.afterGemm(true, Activation.RELU)), c, 42);
        check("fc", new VtaDenseWorkload(3, 512, 1000, true, VtaEpilogues.afterGemm(true)), c, 43);
        check("add", new VtaAluWorkload(3, 64, 7, 7, 2, VtaEpilogues.eltwiseAdd(2, Activation.RELU)), c, 44);
    }
}
