package dev.hetplace.backends.vta.sim;

import static dev.hetplace.backends.vta.sim.VtaLowering.checked;

import dev.hetplace.backends.vta.VtaAluStep;
import dev.hetplace.backends.vta.VtaConvWorkload;
import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaTiling;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code conv2d_packed} as instructions, tile group by tile group in the plan's loop order (b, h0, co0, w0), each
 * group running one tile per virtual thread (thread {@code t = oc_thread * h_nthread + h_thread}):
 * <pre>
 * per thread: pop(store->compute) RESET push(compute->load)
 * for ci0: per thread: pop(compute->load) LOAD INP x tile_ci, LOAD WGT push(load->compute)
 *          per thread: pop(load->compute) GEMM push(compute->load)
 * per thread: pop(compute->load)                       (the last GEMMs' tokens)
 * per thread: LOAD ACC bias, LOAD ACC residual x tile_co (a fused residual add's other summand), ALU steps
 *             push(compute->store)
 * per thread: pop(compute->store) STORE x tile_co push(store->compute)
 * </pre>
 * SRAM: thread t's input window at {@code t * tile_ci * span} (entries [ci][row][col]), weights at
 * {@code t * tile_co * tile_ci * kh * kw} ([co][ci][kh][kw]), accumulator tile at {@code t * (entries + bias)}
 * ([co][h][w]) followed by its tile_co bias entries and, with a fused residual add, the other summand's tile
 * ([co][h][w]); the output buffer mirrors the accumulator indices.
 */
final class VtaConvLowering extends VtaTiledLowering {
    private final VtaConvWorkload w;
    private final int bb;
    private final int oh;
    private final int ow;
    private final int th;
    private final int tw;
    private final int rowsIn;
    private final int colsIn;
    private final int span;
    private final int entries;
    private final int accPerThread;
    private final BlockedTile tile;
    private VtaDramRegion input;
    private VtaDramRegion weight;
    private VtaDramRegion bias;
    private VtaDramRegion residual;
    private VtaDramRegion output;

    VtaConvLowering(String group, VtaPlan plan, VtaConvWorkload w, VtaAluImmediates imm) {
        super(group, plan, imm);
        this.w = w;
        VtaTiling t = plan.tiling();
        this.bb = t.tileB().extent();
        this.oh = w.outH();
        this.ow = w.outW();
        this.th = t.tileH().inner();
        this.tw = t.tileW().inner();
        this.rowsIn = (th - 1) * w.strideH() + w.kernelH();
        this.colsIn = (tw - 1) * w.strideW() + w.kernelW();
        this.span = rowsIn * colsIn;
        this.entries = tco * th * tw;
        this.accPerThread = entries + (w.bias() ? tco : 0) + (w.fusedResidual() ? entries : 0);
        this.tile = new BlockedTile(cob, oh, ow, tco, th, tw);
    }

    private int inpBase(int t) {
        return t * tci * span;
    }

    private int wgtBase(int t) {
        return t * tco * tci * w.kernelH() * w.kernelW();
    }

    private int accBase(int t) {
        return t * accPerThread;
    }

    /** Where thread t's tile of a fused residual add's other summand sits: after its accumulators and bias. */
    private int residualBase(int t) {
        return accBase(t) + entries + (w.bias() ? tco : 0);
    }

    VtaProgram lower() {
        VtaLowering.DramAllocator dram = new VtaLowering.DramAllocator(c);
        input = dram.add("input", VtaMemoryType.INP, (long) bb * cib * w.inH() * w.inW());
        weight = dram.add("weight", VtaMemoryType.WGT, (long) cob * cib * w.kernelH() * w.kernelW());
        if (w.bias()) {
            bias = dram.add("bias", VtaMemoryType.ACC, cob);
        }
        if (w.fusedResidual()) {
            residual = dram.add("residual", VtaMemoryType.ACC, (long) bb * cob * oh * ow);
        }
        output = dram.add("output", VtaMemoryType.OUT, (long) bb * cob * oh * ow);
        VtaTiling tiling = plan.tiling();
        int nH = tiling.tileH().outer();
        int nW = tiling.tileW().outer();
        int nCo = tiling.tileCo().outer();
        int ciSteps = tiling.tileCi().outer();
        return program(dram, () -> {
            for (int n = 0; n < bb; n++) {
                for (int h0 = 0; h0 < nH / hT; h0++) {
                    for (int co0 = 0; co0 < nCo / ocT; co0++) {
                        for (int j = 0; j < nW; j++) {
                            tileGroup(n, h0, co0, j, ciSteps);
                        }
                    }
                }
            }
        }, this::kernelShapes);
    }

    private void tileGroup(int n, int h0, int co0, int j, int ciSteps) {
        resetTiles(this::resetNest);
        for (int ci0 = 0; ci0 < ciSteps; ci0++) {
            for (int t = 0; t < threads; t++) {
                b.depPop(VtaModule.COMPUTE, VtaModule.LOAD);
                int hTile = h0 * hT + t % hT;
                int coTile = co0 * ocT + t / hT;
                for (int k = 0; k < tci; k++) {
                    b.add(inputLoad(t, n, hTile, j, ci0 * tci + k, k));
                }
                b.add(weightLoad(t, coTile, ci0));
                b.depPush(VtaModule.LOAD, VtaModule.COMPUTE);
            }
            for (int t = 0; t < threads; t++) {
                b.depPop(VtaModule.LOAD, VtaModule.COMPUTE);
                VtaUopNest nest = gemmNest(t);
                b.add(nest.gemm(false, b.kernel(List.of("gemm", t), nest.uops())));
                b.depPush(VtaModule.COMPUTE, VtaModule.LOAD);
            }
        }
        takeLoadTokens();
        for (int t = 0; t < threads; t++) {
            int coTile = co0 * ocT + t / hT;
            if (w.bias()) {
                loadBias(bias, accBase(t) + entries, coTile);
            }
            if (w.fusedResidual()) {
                moveBlocks(false, tile, residual, residualBase(t), n, h0 * hT + t % hT, coTile, j);
            }
            epilogue(t);
            b.depPush(VtaModule.COMPUTE, VtaModule.STORE);
        }
        storeTiles(tile, output, this::accBase, n, h0, co0, j);
    }

    private VtaInstruction.Load inputLoad(int t, int n, int hTile, int j, int ciBlock, int k) {
        int r0 = hTile * th * w.strideH() - w.padTop();
        int c0 = j * tw * w.strideW() - w.padLeft();
        int top = Math.min(rowsIn, Math.max(0, -r0));
        int rows = Math.max(0, Math.min(r0 + rowsIn, w.inH()) - Math.max(r0, 0));
        int bottom = rowsIn - top - rows;
        int left = Math.min(colsIn, Math.max(0, -c0));
        int cols = Math.max(0, Math.min(c0 + colsIn, w.inW()) - Math.max(c0, 0));
        int right = colsIn - left - cols;
        int sram = inpBase(t) + k * span;
        if (rows == 0 || cols == 0) {
            // the window lies in the padding: no DRAM row, colsIn-wide rows of zeros
            return checked(group, new VtaInstruction.Load(VtaDeps.NONE, VtaMemoryType.INP, sram, input.dramBase(c, 0),
                    0, colsIn, w.inW(), top + rows, bottom, 0, 0));
        }
        long at = (((long) n * cib + ciBlock) * w.inH() + Math.max(r0, 0)) * w.inW() + Math.max(c0, 0);
        if (cols == w.inW() && colsIn == w.inW() && top == 0 && bottom == 0) {
            int merged = rows * w.inW();
            return checked(group, VtaInstruction.Load.of(VtaMemoryType.INP, sram, input.dramBase(c, at), 1, merged,
                    merged));
        }
        return checked(group, new VtaInstruction.Load(VtaDeps.NONE, VtaMemoryType.INP, sram, input.dramBase(c, at),
                rows, cols, w.inW(), top, bottom, left, right));
    }

    private VtaInstruction.Load weightLoad(int t, int coTile, int ci0) {
        int kk = w.kernelH() * w.kernelW();
        long at = ((long) coTile * tco * cib + (long) ci0 * tci) * kk;
        if (tci == cib) {
            int all = tco * cib * kk;
            return checked(group, VtaInstruction.Load.of(VtaMemoryType.WGT, wgtBase(t), weight.dramBase(c, at), 1,
                    all, all));
        }
        return checked(group, VtaInstruction.Load.of(VtaMemoryType.WGT, wgtBase(t), weight.dramBase(c, at), tco,
                tci * kk, cib * kk));
    }

    private VtaUopNest resetNest(int t) {
        return VtaUopNest.fold(List.of(new VtaLoop(tw, 1, 0, 0), new VtaLoop(tco, th * tw, 0, 0),
                new VtaLoop(th, tw, 0, 0)), accBase(t), 0, 0);
    }

    /** Loop nest ci, w, kw, kh, co, h (VtaConvModel's order). */
    private VtaUopNest gemmNest(int t) {
        int kh = w.kernelH();
        int kw = w.kernelW();
        return VtaUopNest.fold(List.of(
                new VtaLoop(tci, 0, span, kh * kw),
                new VtaLoop(tw, 1, w.strideW(), 0),
                new VtaLoop(kw, 0, 1, 1),
                new VtaLoop(kh, 0, colsIn, kw),
                new VtaLoop(tco, th * tw, 0, tci * kh * kw),
                new VtaLoop(th, tw, w.strideH() * colsIn, 0)), accBase(t), inpBase(t), wgtBase(t));
    }

    private void epilogue(int t) {
        int pixels = th * tw;
        List<VtaAluStep> steps = w.aluSteps();
        for (int s = 0; s < steps.size(); s++) {
            VtaAluStep step = steps.get(s);
            if (step.tileOperand()) {
                aluStep(t, s, step, accBase(t), residualBase(t), new VtaLoop(entries, 1, 1, 0), VtaLoop.NONE);
            } else if (step.tensorOperand()) {
                aluStep(t, s, step, accBase(t), accBase(t) + entries, new VtaLoop(tco, pixels, 1, 0),
                        new VtaLoop(pixels, 1, 0, 0));
            } else {
                aluStep(t, s, step, accBase(t), accBase(t), new VtaLoop(entries, 1, 1, 0), VtaLoop.NONE);
            }
        }
    }

    private List<int[]> kernelShapes() {
        List<int[]> shapes = new ArrayList<>();
        shapes.add(shape(resetNest(0)));
        shapes.add(shape(gemmNest(0)));
        for (VtaAluStep s : w.aluSteps()) {
            shapes.add(s.tensorOperand() && !s.tileOperand() ? new int[] {tco, th * tw, 1}
                    : new int[] {entries, 1, 1});
        }
        return shapes;
    }
}
