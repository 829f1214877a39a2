package dev.hetplace.backends.vta.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hetplace.backends.vta.VtaConvWorkload;
import dev.hetplace.backends.vta.VtaEpilogues.Activation;
import dev.hetplace.backends.vta.VtaEpilogues;
import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaSchedule;
import dev.hetplace.backends.vta.VtaSplit;
import dev.hetplace.backends.vta.VtaTiling;
import dev.hetplace.backends.vta.VtaTimingConstants;
import dev.hetplace.hw.VtaConfig;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Properties of the timing simulation that only running the stream can give. */
class VtaTimingSimulatorTest {
    private static final VtaSchedule SCHEDULE = new VtaSchedule();
    private static final VtaTimingSimulator TIMING = new VtaTimingSimulator();
    private static final VtaConvWorkload BLOCK_64 = new VtaConvWorkload(1, 64, 56, 56, 64, 3, 3, 1, 1, 1, 1, 1, 1,
            true, VtaEpilogues.afterGemm(true, Activation.RELU));
    /** 32 -> 32 channels, 3x3 on 8x8: two tile groups of two input-channel steps with one thread. */
    private static final VtaConvWorkload SMALL = new VtaConvWorkload(1, 32, 8, 8, 32, 3, 3, 1, 1, 1, 1, 1, 1, true,
            VtaEpilogues.afterGemm(true, Activation.RELU));

    private static VtaTiling tiling(int hOut, int hIn, int ciOut, int ciIn, int coOut, int coIn, int oc, int h,
                                    int w) {
        return new VtaTiling(new VtaSplit(1, 1), new VtaSplit(hOut, hIn), new VtaSplit(1, w),
                new VtaSplit(ciOut, ciIn), new VtaSplit(coOut, coIn), oc, h);
    }

    private static VtaProgram program(VtaConvWorkload w, VtaTiling t) {
        return VtaLowering.lower("g", SCHEDULE.evaluate("g", w, VtaConfig.DEFAULT, t), VtaAluImmediates.DEFAULT);
    }

    private static int find(VtaProgram p, int from, java.util.function.Predicate<VtaInstruction> pred) {
        for (int i = from; i < p.instructions().size(); i++) {
            if (pred.test(p.instructions().get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such instruction");
    }

    @Test
    void theStreamFollowsTvmsTokenDiscipline() {
        // one thread, two tile groups (rows), two input-channel steps: TVM's lowering with the runtime's merging
        VtaProgram p = program(SMALL, tiling(2, 4, 2, 1, 1, 2, 1, 1, 8));
        // (reset kernel: w x co hardware loops over 4 row uops; GEMM: w x kw loops over kh*co*h = 24 uops; the
        // first row tile's window has one padding row on top and a padding column each side)
        assertThat(p.dump()).startsWith("""
                0: NOP-STORE [push_prev]
                1: LOAD UOP sram=0 dram=0 y=1 x=4 stride=4 pad=[0,0,0,0] [pop_next]
                2: GEMM reset uop=[0,4) out=8x(1,0,0) in=2x(32,0,0) [push_prev]
                3: LOAD INP sram=0 dram=0 y=5 x=8 stride=8 pad=[1,0,1,1] [pop_next]
                4: LOAD WGT sram=0 dram=8 y=2 x=9 stride=18 pad=[0,0,0,0] [push_next]
                5: LOAD UOP sram=4 dram=4 y=1 x=24 stride=24 pad=[0,0,0,0] [pop_prev]
                6: GEMM uop=[4,28) out=8x(1,1,0) in=3x(0,1,1) [push_prev]
                7: LOAD INP sram=0 dram=64 y=5 x=8 stride=8 pad=[1,0,1,1] [pop_next]
                8: LOAD WGT sram=0 dram=17 y=2 x=9 stride=18 pad=[0,0,0,0] [push_next]
                9: GEMM uop=[4,28) out=8x(1,1,0) in=3x(0,1,1) [pop_prev,push_prev]
                10: LOAD ACC sram=64 dram=176 y=1 x=2 stride=2 pad=[0,0,0,0] [-]
                """);
        // the tile group's end: stores hand the accumulator back, the next reset waits for them, the load module's
        // NOP takes the last GEMM's token; the stream ends with TVM's Synchronize
        assertThat(p.dump()).contains("""
                22: ALU MAX imm=0 uop=[33,34) out=64x(1,1) in=1x(0,0) [push_next]
                23: STORE sram=0 dram=720 y=1 x=32 stride=32 [pop_prev]
                24: STORE sram=32 dram=784 y=1 x=32 stride=32 [push_prev]
                25: GEMM reset uop=[0,4) out=8x(1,0,0) in=2x(32,0,0) [pop_next,push_prev]
                26: NOP-LOAD [pop_next]
                27: LOAD INP sram=0 dram=24 y=5 x=8 stride=8 pad=[0,1,1,1] [pop_next]
                """).endsWith("""
                41: STORE sram=32 dram=816 y=1 x=32 stride=32 [push_prev]
                42: NOP-STORE [push_prev]
                43: NOP-LOAD [pop_next]
                44: NOP-LOAD [push_next]
                45: NOP-COMPUTE [pop_next]
                46: NOP-COMPUTE [pop_prev,pop_next]
                47: FINISH [-]
                """);
        assertThat(p.instructions().get(p.instructions().size() - 1)).isInstanceOf(VtaInstruction.Finish.class);
        VtaTimingResult r = TIMING.run(p);
        assertThat(r.counters()).isEqualTo(p.plan().total());
    }

    @Test
    void everyDroppedDependencyFlagIsReported() {
        // two threads (oc), two tile groups, two input-channel steps: drop each flag of the stream in turn
        VtaProgram p = program(SMALL, tiling(2, 4, 2, 1, 2, 1, 2, 1, 8));
        int flags = 0;
        int deadlocks = 0;
        int hazards = 0;
        int unbalanced = 0;
        for (int i = 0; i < p.instructions().size(); i++) {
            int index = i;
            VtaInstruction insn = p.instructions().get(i);
            VtaDeps d = insn.deps();
            List<VtaDeps> dropped = new java.util.ArrayList<>();
            if (d.popPrev()) {
                dropped.add(d.withPopPrev(false));
            }
            if (d.popNext()) {
                dropped.add(d.withPopNext(false));
            }
            if (d.pushPrev()) {
                dropped.add(d.withPushPrev(false));
            }
            if (d.pushNext()) {
                dropped.add(d.withPushNext(false));
            }
            for (VtaDeps without : dropped) {
                flags++;
                VtaSimulationException e = catchThrowableOfType(() -> TIMING.run(p.with(index, insn.withDeps(without))),
                        VtaSimulationException.class);
                assertThat(e).as("instruction %d %s without one flag", i, insn.describe()).isNotNull();
                switch (e.kind()) {
                    case DEADLOCK -> deadlocks++;
                    case HAZARD -> hazards++;
                    case UNBALANCED -> unbalanced++;
                    default -> throw new AssertionError(e.getMessage());
                }
            }
        }
        assertThat(flags).isEqualTo(deadlocks + hazards + unbalanced);
        assertThat(String.format(Locale.ROOT, "%d flags: %d deadlocks, %d hazards, %d unbalanced", flags, deadlocks,
                hazards, unbalanced)).isEqualTo("64 flags: 32 deadlocks, 16 hazards, 16 unbalanced");
        // every dropped push starves a pop; a dropped pop either races a pending instruction or leaves a token
    }

    @Test
    void aMissingPushIsADeadlockNamingTheWaitingInstructionAndQueue() {
        VtaProgram p = program(SMALL, tiling(2, 4, 2, 1, 1, 2, 1, 1, 8));
        int weights = find(p, 0, x -> x instanceof VtaInstruction.Load l && l.memory() == VtaMemoryType.WGT);
        int consumer = find(p, weights, x -> x.module() == VtaModule.COMPUTE && x.deps().popPrev());
        VtaInstruction load = p.instructions().get(weights);
        VtaSimulationException e = catchThrowableOfType(
                () -> TIMING.run(p.with(weights, load.withDeps(load.deps().withPushNext(false)))),
                VtaSimulationException.class);
        assertThat(e.kind()).isEqualTo(VtaSimulationException.Kind.DEADLOCK);
        assertThat(e.instruction()).isEqualTo(consumer);
        assertThat(e.where()).isEqualTo("load->compute");
        assertThat(e.getMessage()).contains("instruction " + consumer).contains("load->compute").doesNotContain("\n");
    }

    @Test
    void aGemmThatDoesNotWaitForItsLoadIsAReadHazard() {
        VtaProgram p = program(SMALL, tiling(2, 4, 2, 1, 1, 2, 1, 1, 8));
        int firstGemm = find(p, 0, x -> x instanceof VtaInstruction.Gemm g && !g.reset());
        int second = find(p, firstGemm + 1, x -> x instanceof VtaInstruction.Gemm g && !g.reset());
        int itsLoad = find(p, firstGemm + 1, x -> x instanceof VtaInstruction.Load l && l.memory() == VtaMemoryType.INP);
        VtaInstruction g = p.instructions().get(second);
        assertThat(g.deps().popPrev()).isTrue();
        VtaSimulationException e = catchThrowableOfType(
                () -> TIMING.run(p.with(second, g.withDeps(g.deps().withPopPrev(false)))),
                VtaSimulationException.class);
        assertThat(e.kind()).isEqualTo(VtaSimulationException.Kind.HAZARD);
        assertThat(e.instruction()).isEqualTo(second);
        assertThat(e.where()).isEqualTo("inp");
        assertThat(e.getMessage()).contains("pending instruction " + itsLoad);
    }

    @Test
    void aResetThatDoesNotWaitForTheStoreOverwritesItsOutput() {
        VtaProgram p = program(SMALL, tiling(2, 4, 2, 1, 1, 2, 1, 1, 8));
        int firstReset = find(p, 0, x -> x instanceof VtaInstruction.Gemm gm && gm.reset());
        int second = find(p, firstReset + 1, x -> x instanceof VtaInstruction.Gemm gm && gm.reset());
        VtaInstruction r = p.instructions().get(second);
        assertThat(r.deps().popNext()).isTrue();
        VtaSimulationException e = catchThrowableOfType(
                () -> TIMING.run(p.with(second, r.withDeps(r.deps().withPopNext(false)))),
                VtaSimulationException.class);
        assertThat(e.kind()).isEqualTo(VtaSimulationException.Kind.HAZARD);
        assertThat(e.where()).isEqualTo("out");
        assertThat(e.getMessage()).contains("STORE");
    }

    @Test
    void oneThreadNeverOverlapsLoadAndComputeTwoThreadsDo() {
        VtaTimingSimulator timeline = new VtaTimingSimulator(VtaTimingConstants.DEFAULT,
                VtaSimOptions.DEFAULT.withTimeline());
        // the tuned ResNet-18 config of VTA.md, and the same tiles without virtual threads
        VtaTimingResult one = timeline.run(program(BLOCK_64, tiling(7, 8, 4, 1, 4, 1, 1, 1, 56)));
        VtaTimingResult ocTwo = timeline.run(program(BLOCK_64, tiling(7, 8, 4, 1, 2, 2, 2, 1, 56)));
        VtaTimingResult hTwo = timeline.run(program(BLOCK_64, tiling(14, 4, 4, 1, 4, 1, 1, 2, 56)));
        assertThat(one.overlap(VtaModule.LOAD, VtaModule.COMPUTE)).isZero();
        assertThat(one.timeline().get(VtaModule.LOAD)).hasSize(7 * 4 * 4 * 2);
        assertThat(ocTwo.overlap(VtaModule.LOAD, VtaModule.COMPUTE)).isPositive();
        assertThat(hTwo.overlap(VtaModule.LOAD, VtaModule.COMPUTE)).isPositive();
        // one thread runs every module's work back to back (a tile's loads wait for its reset, which waits for the
        // previous tile's store); virtual threads hide most of the loads
        assertThat(one.cycles()).isGreaterThanOrEqualTo(one.loadBusy() + one.computeBusy() + one.storeBusy());
        assertThat(ocTwo.cycles()).isLessThan(one.cycles());
        assertThat(String.format(Locale.ROOT, "%d %d %d", one.cycles(), ocTwo.cycles(), hTwo.cycles()))
                .isEqualTo("819141 630586 650033");
    }

    @Test
    void anInstructionWithAFlagItsModuleLacksIsInvalid() {
        VtaProgram p = program(SMALL, tiling(2, 4, 2, 1, 1, 2, 1, 1, 8));
        int load = find(p, 0, x -> x instanceof VtaInstruction.Load l && l.memory() == VtaMemoryType.INP);
        VtaInstruction l = p.instructions().get(load);
        assertThatThrownBy(() -> TIMING.run(p.with(load, l.withDeps(l.deps().withPopPrev(true)))))
                .isInstanceOf(VtaSimulationException.class).hasMessageContaining("no prev module");
    }

    @Test
    void aSharedMemoryPortMakesStoresWaitForLoads() {
        VtaProgram p = program(BLOCK_64, tiling(7, 8, 4, 1, 2, 2, 2, 1, 56));
        VtaTimingResult shared = TIMING.run(p);
        VtaTimingResult own = new VtaTimingSimulator(VtaTimingConstants.DEFAULT, new VtaSimOptions(false, true,
                false)).run(p);
        assertThat(shared.storeBusy()).isGreaterThan(own.storeBusy());
        assertThat(shared.cycles()).isGreaterThanOrEqualTo(own.cycles());
        assertThat(shared.counters()).isEqualTo(own.counters());
    }

    @Test
    void aPlanThatDoesNotFitIsRefusedNamingTheGroupAndTheLimit() {
        VtaConfig tiny = new VtaConfig(0, 4, 4, 3, 18, 17, 15, 100, 64, "hls");
        assertThatThrownBy(() -> new VtaSimulator().time("layer9.conv", SMALL, tiny))
                .isInstanceOf(dev.hetplace.backends.vta.VtaUnsupportedException.class)
                .hasMessageContaining("layer9.conv").hasMessageContaining("inp buffer of 8 bytes");
        VtaPlan plan = SCHEDULE.plan("g", SMALL, VtaConfig.DEFAULT);
        assertThatThrownBy(() -> VtaLowering.lower("layer9.conv", plan, new VtaAluImmediates(17, 0, 127)))
                .isInstanceOf(dev.hetplace.backends.vta.VtaUnsupportedException.class)
                .hasMessageContaining("layer9.conv").hasMessageContaining("ALU immediate 16 bits");
    }

    @Test
    void groupedConvAndGroupsWithoutAVtaKernelAreRefusedByName() {
        dev.hetplace.ir.GraphBuilder b = new dev.hetplace.ir.GraphBuilder("mobile");
        int x = b.input("x", dev.hetplace.ir.tensor.TensorType.fp32(1, 32, 56, 56));
        int dw = b.add("dw1", dev.hetplace.ir.op.Conv2d.square(32, 3, 1, 1, false).withGroups(32), x);
        int pool = b.add("pool", new dev.hetplace.ir.op.GlobalPool(dev.hetplace.ir.op.PoolKind.AVG), dw);
        dev.hetplace.ir.GroupedGraph g = dev.hetplace.ir.pass.Grouping.apply(b.build(pool));
        VtaSimulator sim = new VtaSimulator();
        assertThatThrownBy(() -> sim.lower(g, g.group(0), VtaConfig.DEFAULT, 1, VtaAluImmediates.DEFAULT))
                .isInstanceOf(dev.hetplace.backends.vta.VtaUnsupportedException.class)
                .hasMessageContaining("'dw1'").hasMessageContaining("groups=1");
        assertThatThrownBy(() -> sim.lower(g, g.group(1), VtaConfig.DEFAULT, 1, VtaAluImmediates.DEFAULT))
                .isInstanceOf(dev.hetplace.backends.vta.VtaUnsupportedException.class)
                .hasMessageContaining("'pool'").hasMessageContaining("no kernel");
    }
}
