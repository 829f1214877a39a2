package dev.hetplace.backends.vta.sim;

import static dev.hetplace.backends.vta.sim.VtaLowering.checked;

import dev.hetplace.backends.vta.VtaAluStep;
import dev.hetplace.backends.vta.VtaDenseWorkload;
import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaTiling;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dense_packed} as instructions, tile group by tile group (b0, co0), one tile per output-channel thread:
 * <pre>
 * per thread: pop(store->compute) RESET push(compute->load)
 * for b in tile_b.inner, ci0: per thread: pop(compute->load) LOAD INP, LOAD WGT push(load->compute)
 *                             per thread: pop(load->compute) GEMM (the kernel of row b) push(compute->load)
 * per thread: pop(compute->load); per thread: LOAD ACC bias, ALU steps push(compute->store)
 * per thread: pop(compute->store) STORE push(store->compute)
 * </pre>
 * The GEMM's uops hold absolute accumulator rows, so each row b of the tile has its own GEMM kernel.
 */
final class VtaDenseLowering extends VtaTiledLowering {
    private final VtaDenseWorkload w;
    private final int tb;
    private final int entries;
    private final int accPerThread;
    private VtaDramRegion input;
    private VtaDramRegion weight;
    private VtaDramRegion bias;
    private VtaDramRegion output;

    VtaDenseLowering(String group, VtaPlan plan, VtaDenseWorkload w, VtaAluImmediates imm) {
        super(group, plan, imm);
        this.w = w;
        VtaTiling t = plan.tiling();
        this.tb = t.tileB().inner();
        this.entries = tb * tco;
        this.accPerThread = entries + (w.bias() ? tco : 0);
    }

    VtaProgram lower() {
        VtaTiling t = plan.tiling();
        int bb = t.tileB().extent();
        VtaLowering.DramAllocator dram = new VtaLowering.DramAllocator(c);
        input = dram.add("input", VtaMemoryType.INP, (long) bb * cib);
        weight = dram.add("weight", VtaMemoryType.WGT, (long) cob * cib);
        if (w.bias()) {
            bias = dram.add("bias", VtaMemoryType.ACC, cob);
        }
        output = dram.add("output", VtaMemoryType.OUT, (long) bb * cob);
        return program(dram, () -> {
            for (int b0 = 0; b0 < t.tileB().outer(); b0++) {
                for (int co0 = 0; co0 < t.tileCo().outer() / threads; co0++) {
                    tileGroup(b0, co0, t.tileCi().outer());
                }
            }
        }, this::kernelShapes);
    }

    private int accBase(int t) {
        return t * accPerThread;
    }

    private void tileGroup(int b0, int co0, int ciSteps) {
        resetTiles(this::resetNest);
        for (int row = 0; row < tb; row++) {
            for (int ci0 = 0; ci0 < ciSteps; ci0++) {
                for (int t = 0; t < threads; t++) {
                    b.depPop(VtaModule.COMPUTE, VtaModule.LOAD);
                    long at = ((long) b0 * tb + row) * cib + (long) ci0 * tci;
                    b.add(checked(group, VtaInstruction.Load.of(VtaMemoryType.INP, t * tci, input.dramBase(c, at), 1,
                            tci, tci)));
                    b.add(weightLoad(t, co0 * threads + t, ci0));
                    b.depPush(VtaModule.LOAD, VtaModule.COMPUTE);
                }
                for (int t = 0; t < threads; t++) {
                    b.depPop(VtaModule.LOAD, VtaModule.COMPUTE);
                    VtaUopNest nest = gemmNest(t, row);
                    b.add(nest.gemm(false, b.kernel(List.of("gemm", t, row), nest.uops())));
                    b.depPush(VtaModule.COMPUTE, VtaModule.LOAD);
                }
            }
        }
        takeLoadTokens();
        for (int t = 0; t < threads; t++) {
            if (w.bias()) {
                loadBias(bias, accBase(t) + entries, co0 * threads + t);
            }
            epilogue(t);
            b.depPush(VtaModule.COMPUTE, VtaModule.STORE);
        }
        for (int t = 0; t < threads; t++) {
            b.depPop(VtaModule.COMPUTE, VtaModule.STORE);
            int coTile = co0 * threads + t;
            long at = (long) b0 * tb * cob + (long) coTile * tco;
            b.add(checked(group, tco == cob
                    ? new VtaInstruction.Store(VtaDeps.NONE, accBase(t), output.dramBase(c, at), 1, entries, entries)
                    : new VtaInstruction.Store(VtaDeps.NONE, accBase(t), output.dramBase(c, at), tb, tco, cob)));
            b.depPush(VtaModule.STORE, VtaModule.COMPUTE);
        }
    }

    private VtaInstruction.Load weightLoad(int t, int coTile, int ci0) {
        long at = (long) coTile * tco * cib + (long) ci0 * tci;
        int sram = t * tco * tci;
        if (tci == cib) {
            return checked(group, VtaInstruction.Load.of(VtaMemoryType.WGT, sram, weight.dramBase(c, at), 1,
                    tco * cib, tco * cib));
        }
        return checked(group, VtaInstruction.Load.of(VtaMemoryType.WGT, sram, weight.dramBase(c, at), tco, tci, cib));
    }

    private VtaUopNest resetNest(int t) {
        return VtaUopNest.fold(List.of(new VtaLoop(tb, tco, 0, 0), new VtaLoop(tco, 1, 0, 0)), accBase(t), 0, 0);
    }

    /** Loop nest ci, co (VtaDenseModel's order) for accumulator row {@code row} of the tile. */
    private VtaUopNest gemmNest(int t, int row) {
        return VtaUopNest.fold(List.of(new VtaLoop(tci, 0, 1, 1), new VtaLoop(tco, 1, 0, tci)),
                accBase(t) + row * tco, t * tci, t * tco * tci);
    }

    private void epilogue(int t) {
        List<VtaAluStep> steps = w.aluSteps();
        for (int s = 0; s < steps.size(); s++) {
            VtaAluStep step = steps.get(s);
            if (step.tensorOperand()) {
                aluStep(t, s, step, accBase(t), accBase(t) + entries, new VtaLoop(tb, tco, 0, 0),
                        new VtaLoop(tco, 1, 1, 0));
            } else {
                aluStep(t, s, step, accBase(t), accBase(t), new VtaLoop(entries, 1, 1, 0), VtaLoop.NONE);
            }
        }
    }

    private List<int[]> kernelShapes() {
        List<int[]> shapes = new ArrayList<>();
        shapes.add(shape(resetNest(0)));
        for (int row = 0; row < tb; row++) {
            shapes.add(shape(gemmNest(0, row)));
        }
        for (VtaAluStep s : w.aluSteps()) {
            shapes.add(s.tensorOperand() ? new int[] {tb, tco, 1} : new int[] {entries, 1, 1});
        }
        return shapes;
    }
}
