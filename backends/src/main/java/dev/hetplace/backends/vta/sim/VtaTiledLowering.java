package dev.hetplace.backends.vta.sim;

import static dev.hetplace.backends.vta.sim.VtaLowering.checked;

import dev.hetplace.backends.vta.VtaAluStep;
import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaTiling;
import dev.hetplace.hw.VtaConfig;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * What the conv, dense and ALU lowerings share: the group, its plan and immediates, the stream the instructions go
 * into, the program's frame (each thread's first store-to-compute token, the tile groups, the tokens taken back)
 * and the move of a tile's channel blocks between the accumulator and a blocked [b][c][h][w] tensor in DRAM.
 */
abstract class VtaTiledLowering {
    final String group;
    final VtaPlan plan;
    final VtaAluImmediates imm;
    final VtaConfig c;
    final int threads;
    /** Input and output channel blocks, and their tiles' extents. */
    final int cib;
    final int cob;
    final int tci;
    final int tco;
    /** Virtual threads over output-channel tiles and over row tiles. */
    final int ocT;
    final int hT;
    final VtaStreamBuilder b;

    /** A tile of {@code tco} channel blocks, {@code th} x {@code tw}, of a blocked tensor of the given extents. */
    record BlockedTile(int channelBlocks, int height, int width, int tco, int th, int tw) {
        /** Entry index of the tile's channel block {@code k} in the tensor. */
        long at(int n, int hTile, int coTile, int j, int k) {
            return (((long) n * channelBlocks + (long) coTile * tco + k) * height + (long) hTile * th) * width
                    + (long) j * tw;
        }
    }

    VtaTiledLowering(String group, VtaPlan plan, VtaAluImmediates imm) {
        this.group = group;
        this.plan = plan;
        this.imm = imm;
        this.c = plan.config();
        VtaTiling t = plan.tiling();
        this.threads = t.threads();
        this.cib = t.tileCi().extent();
        this.cob = t.tileCo().extent();
        this.tci = t.tileCi().inner();
        this.tco = t.tileCo().inner();
        this.ocT = t.ocNthread();
        this.hT = t.hNthread();
        this.b = new VtaStreamBuilder(c.uopEntries());
    }

    /** The program of {@code tileGroups} between every thread's store-to-compute tokens, its kernels checked. */
    final VtaProgram program(VtaLowering.DramAllocator dram, Runnable tileGroups, Supplier<List<int[]>> kernelShapes) {
        for (int t = 0; t < threads; t++) {
            b.depPush(VtaModule.STORE, VtaModule.COMPUTE);
        }
        tileGroups.run();
        for (int t = 0; t < threads; t++) {
            b.depPop(VtaModule.STORE, VtaModule.COMPUTE);
        }
        List<VtaInstruction> insns = b.finish();
        VtaLowering.requireKernelsMatch(group, plan, kernelShapes.get());
        return new VtaProgram(group, plan, imm, insns, b.uopImage(), dram.layout());
    }

    /** Each thread's accumulator tile reset once its store-to-compute token arrives; a token to the loads. */
    final void resetTiles(IntFunction<VtaUopNest> resetNest) {
        for (int t = 0; t < threads; t++) {
            b.depPop(VtaModule.STORE, VtaModule.COMPUTE);
            VtaUopNest reset = resetNest.apply(t);
            b.add(reset.gemm(true, b.kernel(List.of("reset", t), reset.uops())));
            b.depPush(VtaModule.COMPUTE, VtaModule.LOAD);
        }
    }

    /** The last GEMMs' compute-to-load tokens, one per thread, taken back. */
    final void takeLoadTokens() {
        for (int t = 0; t < threads; t++) {
            b.depPop(VtaModule.COMPUTE, VtaModule.LOAD);
        }
    }

    /** The bias of output-channel tile {@code coTile} loaded into the accumulator at {@code sram}. */
    final void loadBias(VtaDramRegion bias, int sram, int coTile) {
        b.add(checked(group, VtaInstruction.Load.of(VtaMemoryType.ACC, sram, bias.dramBase(c, (long) coTile * tco), 1,
                tco, tco)));
    }

    /** One ALU step of thread t as its own kernel: a single uop (dst, src) over the given loops. */
    final void aluStep(int t, int s, VtaAluStep step, int dst, int src, VtaLoop outer, VtaLoop inner) {
        int[] range = b.kernel(List.of("alu", t, s), List.of(new VtaUop(dst, src, 0)));
        b.add(VtaLowering.alu(group, step, imm, range, outer, inner));
    }

    /** A kernel's shape as {@link VtaLowering#requireKernelsMatch} compares it: loop extents and uop count. */
    static int[] shape(VtaUopNest nest) {
        return new int[] {nest.out().extent(), nest.in().extent(), nest.uops().size()};
    }

    /** Every thread's output tile stored from its accumulator ({@code accBase}), thread t at (h0, co0)'s tile t. */
    final void storeTiles(BlockedTile tile, VtaDramRegion output, IntUnaryOperator accBase, int n, int h0, int co0,
                          int j) {
        for (int t = 0; t < threads; t++) {
            b.depPop(VtaModule.COMPUTE, VtaModule.STORE);
            moveBlocks(true, tile, output, accBase.applyAsInt(t), n, h0 * hT + t % hT, co0 * ocT + t / hT, j);
            b.depPush(VtaModule.STORE, VtaModule.COMPUTE);
        }
    }

    /**
     * The tile's channel blocks, block k at accumulator entry {@code sram + k * th * tw}: loaded from {@code region}
     * (LOAD ACC) or stored to it, one transfer per block, one row per transfer where the tile spans the width.
     */
    final void moveBlocks(boolean store, BlockedTile tile, VtaDramRegion region, int sram, int n, int hTile,
                          int coTile, int j) {
        int plane = tile.th() * tile.tw();
        boolean merged = tile.tw() == tile.width();
        for (int k = 0; k < tile.tco(); k++) {
            int s = sram + k * plane;
            long dram = region.dramBase(c, tile.at(n, hTile, coTile, j, k));
            b.add(checked(group, store
                    ? merged ? new VtaInstruction.Store(VtaDeps.NONE, s, dram, 1, plane, plane)
                            : new VtaInstruction.Store(VtaDeps.NONE, s, dram, tile.th(), tile.tw(), tile.width())
                    : merged ? VtaInstruction.Load.of(VtaMemoryType.ACC, s, dram, 1, plane, plane)
                            : VtaInstruction.Load.of(VtaMemoryType.ACC, s, dram, tile.th(), tile.tw(), tile.width())));
        }
    }
}
