package dev.hetplace.backends.vta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.hw.VtaConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VtaScheduleTest {
    private static final VtaConfig PYNQ = VtaConfig.DEFAULT;
    private final VtaSchedule schedule = new VtaSchedule();

    private static VtaTiling tiling(int hOut, int hIn, int wOut, int wIn, int ciOut, int ciIn, int coOut, int coIn,
                                    int oc, int hn) {
        return VtaTopHubTest.tiling(hOut, hIn, wOut, wIn, ciOut, ciIn, coOut, coIn, oc, hn);
    }

    private static VtaConfig withBlock(int logBlock) {
        VtaConfig d = VtaConfig.DEFAULT;
        return new VtaConfig(d.logBatch(), logBlock, logBlock, d.logInpBuffSize(), d.logWgtBuffSize(),
                d.logAccBuffSize(), d.logUopBuffSize(), d.clockMHz(), d.memoryPortBits(), d.design());
    }

    private static VtaConfig withInpBuff(int logBytes) {
        VtaConfig d = VtaConfig.DEFAULT;
        return new VtaConfig(d.logBatch(), d.logBlockIn(), d.logBlockOut(), logBytes, d.logWgtBuffSize(),
                d.logAccBuffSize(), d.logUopBuffSize(), d.clockMHz(), d.memoryPortBits(), d.design());
    }

    @Test
    void countersMatchTvmSimulatorOnTheConvolutionTutorial() {
        // TVM's VTA tutorial "2D Convolution Optimization" (vta/tutorials/optimize/convolution_opt.py): 1x256x14x14
        // -> 256, 3x3, pad 1; rows split in 2, 2 virtual threads over output channels, 16 input-channel steps;
        // epilogue SHR, MIN, MAX. Its printed simulator statistics: inp_load_nbytes 114688, wgt_load_nbytes
        // 1179648, acc_load_nbytes 0, out_store_nbytes 50176, gemm_counter 451584, alu_counter 9408.
        // (Its uop_load_nbytes, 1144, differs: the tutorial orders the GEMM loops differently from conv2d_packed.)
        VtaConvWorkload w = new VtaConvWorkload(1, 256, 14, 14, 256, 3, 3, 1, 1, 1, 1, 1, 1, false,
                List.of(VtaAluStep.immediate(VtaAluOpcode.SHR, "shift"),
                        VtaAluStep.immediate(VtaAluOpcode.MIN, "clip"),
                        VtaAluStep.immediate(VtaAluOpcode.MAX, "clip")));
        VtaPlan p = schedule.evaluate("tutorial", w, PYNQ, tiling(2, 7, 1, 14, 16, 1, 2, 8, 2, 1));
        assertThat(p.total().inpLoadBytes()).isEqualTo(114688);
        assertThat(p.total().wgtLoadBytes()).isEqualTo(1179648);
        assertThat(p.total().accLoadBytes()).isZero();
        assertThat(p.total().outStoreBytes()).isEqualTo(50176);
        assertThat(p.total().gemmOps()).isEqualTo(451584);
        assertThat(p.total().aluOps()).isEqualTo(9408);
        // the tutorial's SRAM offsets per thread: 144 input entries (9 x 16 with halo), 72 weight entries
        assertThat(p.buffers().inp()).isEqualTo(2 * 144);
        assertThat(p.buffers().wgt()).isEqualTo(2 * 72);
    }

    @Test
    void resnet18TunedConfigFromVtaMdFitsTheBuffers() {
        VtaTiling tuned = tiling(7, 8, 1, 56, 4, 1, 2, 2, 2, 1);
        assertThat(schedule.fits(ResNet18VtaWorkloads.BLOCK_64, PYNQ, tuned)).isTrue();
        VtaBufferUse use = schedule.buffers(ResNet18VtaWorkloads.BLOCK_64, PYNQ, tuned);
        // per thread: input 1 block x (8+2) rows x (56+2) cols; weights 2 x 1 x 9; acc 2 x 8 x 56 + 2 bias entries
        assertThat(use.inp()).isEqualTo(2 * 580);
        assertThat(use.wgt()).isEqualTo(2 * 18);
        assertThat(use.acc()).isEqualTo(2 * (896 + 2));
        assertThat(use.out()).isEqualTo(2 * 896);
        assertThat(use.overflow(PYNQ)).isNull();
        assertThat(tuned.note()).isEqualTo("tile_h=[7,8] tile_w=[1,56] tile_ci=[4,1] tile_co=[2,2] oc_nthread=2 h_nthread=1");
    }

    @Test
    void stemUsesThreeOfSixteenInputChannels() {
        VtaPlan p = schedule.plan("conv0", ResNet18VtaWorkloads.STEM, PYNQ);
        assertThat(p.usefulFraction()).isEqualTo(3.0 / 16);
        assertThat(p.logicalMacs()).isEqualTo(118013952L);
        assertThat(p.paddedMacs()).isEqualTo(118013952L / 3 * 16);
    }

    @Test
    void inputBytesEqualABruteForceSumOverEveryWindow() {
        VtaConvWorkload w = ResNet18VtaWorkloads.STEM;
        VtaPlan p = schedule.plan("conv0", w, PYNQ);
        VtaTiling t = p.tiling();
        int th = t.tileH().inner();
        int tw = t.tileW().inner();
        long bytes = 0;
        for (int i = 0; i < t.tileH().outer(); i++) {
            for (int j = 0; j < t.tileW().outer(); j++) {
                for (int r = 0; r < (th - 1) * 2 + 7; r++) {
                    for (int col = 0; col < (tw - 1) * 2 + 7; col++) {
                        int y = i * th * 2 - 3 + r;
                        int x = j * tw * 2 - 3 + col;
                        if (y >= 0 && y < 224 && x >= 0 && x < 224) {
                            bytes += 16L * t.tileCo().outer();
                        }
                    }
                }
            }
        }
        assertThat(p.total().inpLoadBytes()).isEqualTo(bytes);
        assertThat(p.total().outStoreBytes()).isEqualTo(64L * 112 * 112);
    }

    @Test
    void blockVariantsOfEightAndThirtyTwoWork() {
        VtaPlan b8 = schedule.plan("conv0", ResNet18VtaWorkloads.STEM, withBlock(3));
        VtaPlan b32 = schedule.plan("conv0", ResNet18VtaWorkloads.STEM, withBlock(5));
        assertThat(b8.usefulFraction()).isEqualTo(3.0 / 8);
        assertThat(b32.usefulFraction()).isEqualTo(3.0 / 32);
        VtaPlan block8 = schedule.plan("layer1", ResNet18VtaWorkloads.BLOCK_64, withBlock(3));
        VtaPlan block32 = schedule.plan("layer1", ResNet18VtaWorkloads.BLOCK_64, withBlock(5));
        // 64 channels = 8 blocks of 8 or 2 blocks of 32; every MAC useful
        assertThat(block8.total().gemmOps()).isEqualTo(56L * 56 * 9 * 8 * 8);
        assertThat(block32.total().gemmOps()).isEqualTo(56L * 56 * 9 * 2 * 2);
        assertThat(block8.usefulFraction()).isEqualTo(1.0);
        assertThat(block32.cycles().total()).isLessThan(block8.cycles().total());
    }

    @Test
    void denseAndResidualAddCounts() {
        VtaPlan fc = schedule.plan("fc", ResNet18VtaWorkloads.fc(), PYNQ);
        assertThat(fc.total().gemmOps()).isEqualTo(32L * 63);
        assertThat(fc.usefulFraction()).isEqualTo(1000.0 / 1008);
        assertThat(fc.total().wgtLoadBytes()).isEqualTo(32L * 63 * 256);
        VtaPlan add = schedule.plan("add", ResNet18VtaWorkloads.add(64, 56), PYNQ);
        long entries = 4L * 56 * 56;
        assertThat(add.total().aluOps()).isEqualTo(4 * entries); // add, saturate min / max, relu
        assertThat(add.total().accLoadBytes()).isEqualTo(2 * entries * 64);
        assertThat(add.total().outStoreBytes()).isEqualTo(entries * 16);
        assertThat(add.usefulFraction()).isEqualTo(1.0);
    }

    @Test
    void configWhoseBuffersCannotHoldOneBlockIsRefused() {
        assertThatThrownBy(() -> schedule.plan("layer1.0.conv1", ResNet18VtaWorkloads.BLOCK_64, withInpBuff(3)))
                .isInstanceOf(VtaUnsupportedException.class)
                .hasMessageContaining("layer1.0.conv1").hasMessageContaining("inp buffer");
    }

    @Test
    void groupWhoseSmallestTileOverflowsIsRefusedNamingTheBuffer() {
        // 256 bytes = 16 input entries; the stem's 7x7 window needs 49
        assertThatThrownBy(() -> schedule.plan("conv0", ResNet18VtaWorkloads.STEM, withInpBuff(8)))
                .isInstanceOf(VtaUnsupportedException.class)
                .hasMessageContaining("conv0").hasMessageContaining("inp buffer 16 entries");
    }

    @Test
    void lowerBoundNeverExceedsTheModelAndTheSearchFindsTheExhaustiveMinimum() {
        for (VtaWorkload w : List.of(ResNet18VtaWorkloads.BLOCK_64, ResNet18VtaWorkloads.convs().get(10),
                ResNet18VtaWorkloads.fc(), ResNet18VtaWorkloads.add(128, 28))) {
            VtaTilingModel model = w instanceof VtaConvWorkload c ? new VtaConvModel(c, PYNQ, VtaTimingConstants.DEFAULT)
                    : w instanceof VtaDenseWorkload d ? new VtaDenseModel(d, PYNQ, VtaTimingConstants.DEFAULT)
                    : new VtaAluModel((VtaAluWorkload) w, PYNQ, VtaTimingConstants.DEFAULT);
            long min = Long.MAX_VALUE;
            for (VtaTiling t : schedule.fittingTilings("g", w, PYNQ)) {
                VtaPlan p = model.evaluate(t);
                assertThat(model.lowerBound(t)).as(t.note()).isLessThanOrEqualTo(p.cycles().total());
                assertThat(p.cycles().total()).isGreaterThanOrEqualTo(p.total().gemmOps())
                        .isLessThanOrEqualTo(p.cycles().unoverlapped());
                min = Math.min(min, p.cycles().total());
            }
            assertThat(schedule.plan("g", w, PYNQ).cycles().total()).isEqualTo(min);
        }
    }

    @Test
    void virtualThreadsNeverSlowerThanTheSameTilesOnOneThread() {
        List<VtaWorkload> all = new ArrayList<>(ResNet18VtaWorkloads.convs());
        all.add(ResNet18VtaWorkloads.fc());
        all.addAll(ResNet18VtaWorkloads.residualAdds());
        int compared = 0;
        for (VtaWorkload w : all) {
            long bestSingle = Long.MAX_VALUE;
            for (VtaTiling t : schedule.fittingTilings("g", w, PYNQ)) {
                if (t.threads() == 1) {
                    bestSingle = Math.min(bestSingle, schedule.evaluate("g", w, PYNQ, t).cycles().total());
                    continue;
                }
                VtaTiling single = new VtaTiling(t.tileB(), t.tileH(), t.tileW(), t.tileCi(), t.tileCo(), 1, 1);
                long threaded = schedule.evaluate("g", w, PYNQ, t).cycles().total();
                assertThat(threaded).as(w + " " + t.note())
                        .isLessThanOrEqualTo(schedule.evaluate("g", w, PYNQ, single).cycles().total());
                compared++;
            }
            assertThat(schedule.plan("g", w, PYNQ).cycles().total()).isLessThanOrEqualTo(bestSingle);
        }
        assertThat(compared).isGreaterThan(1000);
    }
}
