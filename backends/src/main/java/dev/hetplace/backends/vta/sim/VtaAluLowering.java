package dev.hetplace.backends.vta.sim;

import static dev.hetplace.backends.vta.sim.VtaLowering.checked;

import dev.hetplace.backends.vta.VtaAluStep;
import dev.hetplace.backends.vta.VtaAluWorkload;
import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaTiling;
import dev.hetplace.hw.VtaConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * ALU-only work as instructions, tiled like a conv output (b, h0, co0, w0), one tile per virtual thread:
 * <pre>
 * per thread: pop(store->compute) LOAD ACC (per operand, per channel block) ALU steps push(compute->store)
 * per thread: pop(compute->store) STORE x tile_co push(store->compute)
 * </pre>
 * Operand k of thread t sits at accumulator entry {@code t * operands * entries + k * entries} ([c][h][w]); the
 * k-th tensor step adds operand k + 1 into operand 0, immediates act on operand 0, which is stored.
 */
final class VtaAluLowering {
    private final String group;
    private final VtaPlan plan;
    private final VtaAluWorkload w;
    private final VtaAluImmediates imm;
    private final VtaConfig c;
    private final int cb;
    private final int th;
    private final int tw;
    private final int tco;
    private final int ocT;
    private final int hT;
    private final int threads;
    private final int entries;
    private final VtaStreamBuilder b;
    private final List<VtaDramRegion> operands = new ArrayList<>();
    private VtaDramRegion output;

    VtaAluLowering(String group, VtaPlan plan, VtaAluWorkload w, VtaAluImmediates imm) {
        this.group = group;
        this.plan = plan;
        this.w = w;
        this.imm = imm;
        this.c = plan.config();
        VtaTiling t = plan.tiling();
        this.cb = t.tileCo().extent();
        this.th = t.tileH().inner();
        this.tw = t.tileW().inner();
        this.tco = t.tileCo().inner();
        this.ocT = t.ocNthread();
        this.hT = t.hNthread();
        this.threads = t.threads();
        this.entries = tco * th * tw;
        this.b = new VtaStreamBuilder(c.uopEntries());
    }

    VtaProgram lower() {
        VtaTiling t = plan.tiling();
        int bb = t.tileB().extent();
        long plane = (long) bb * cb * w.height() * w.width();
        VtaLowering.DramAllocator dram = new VtaLowering.DramAllocator(c);
        for (int k = 0; k < w.tensorOperands(); k++) {
            operands.add(dram.add("operand" + k, VtaMemoryType.ACC, plane));
        }
        output = dram.add("output", VtaMemoryType.OUT, plane);
        for (int i = 0; i < threads; i++) {
            b.depPush(VtaModule.STORE, VtaModule.COMPUTE);
        }
        for (int n = 0; n < bb; n++) {
            for (int h0 = 0; h0 < t.tileH().outer() / hT; h0++) {
                for (int co0 = 0; co0 < t.tileCo().outer() / ocT; co0++) {
                    for (int j = 0; j < t.tileW().outer(); j++) {
                        tileGroup(n, h0, co0, j);
                    }
                }
            }
        }
        for (int i = 0; i < threads; i++) {
            b.depPop(VtaModule.STORE, VtaModule.COMPUTE);
        }
        List<VtaInstruction> insns = b.finish();
        List<int[]> shapes = new ArrayList<>();
        for (int s = 0; s < w.aluSteps().size(); s++) {
            shapes.add(new int[] {entries, 1, 1});
        }
        VtaLowering.requireKernelsMatch(group, plan, shapes);
        return new VtaProgram(group, plan, imm, insns, b.uopImage(), dram.layout());
    }

    private int accBase(int t) {
        return t * w.tensorOperands() * entries;
    }

    /** Entry index of the tile's channel block {@code k} in a blocked [b][c][h][w] tensor. */
    private long at(int n, int hTile, int coTile, int j, int k) {
        return (((long) n * cb + (long) coTile * tco + k) * w.height() + (long) hTile * th) * w.width()
                + (long) j * tw;
    }

    private void tileGroup(int n, int h0, int co0, int j) {
        boolean merged = tw == w.width();
        for (int t = 0; t < threads; t++) {
            b.depPop(VtaModule.STORE, VtaModule.COMPUTE);
            int hTile = h0 * hT + t % hT;
            int coTile = co0 * ocT + t / hT;
            for (int op = 0; op < w.tensorOperands(); op++) {
                for (int k = 0; k < tco; k++) {
                    int sram = accBase(t) + op * entries + k * th * tw;
                    long dram = operands.get(op).dramBase(c, at(n, hTile, coTile, j, k));
                    b.add(checked(group, merged
                            ? VtaInstruction.Load.of(VtaMemoryType.ACC, sram, dram, 1, th * tw, th * tw)
                            : VtaInstruction.Load.of(VtaMemoryType.ACC, sram, dram, th, tw, w.width())));
                }
            }
            int tensorSteps = 0;
            List<VtaAluStep> steps = w.aluSteps();
            for (int s = 0; s < steps.size(); s++) {
                VtaAluStep step = steps.get(s);
                int src = step.tensorOperand() ? accBase(t) + (++tensorSteps) * entries : accBase(t);
                if (step.tensorOperand() && tensorSteps >= w.tensorOperands()) {
                    throw new IllegalStateException("ALU group '" + group + "' has more tensor steps than operands");
                }
                int[] range = b.kernel(List.of("alu", t, s), List.of(new VtaUop(accBase(t), src, 0)));
                b.add(VtaLowering.alu(group, step, imm, range, new VtaLoop(entries, 1, 1, 0), VtaLoop.NONE));
            }
            b.depPush(VtaModule.COMPUTE, VtaModule.STORE);
        }
        for (int t = 0; t < threads; t++) {
            b.depPop(VtaModule.COMPUTE, VtaModule.STORE);
            int hTile = h0 * hT + t % hT;
            int coTile = co0 * ocT + t / hT;
            for (int k = 0; k < tco; k++) {
                int sram = accBase(t) + k * th * tw;
                long dram = output.dramBase(c, at(n, hTile, coTile, j, k));
                b.add(checked(group, merged
                        ? new VtaInstruction.Store(VtaDeps.NONE, sram, dram, 1, th * tw, th * tw)
                        : new VtaInstruction.Store(VtaDeps.NONE, sram, dram, th, tw, w.width())));
            }
            b.depPush(VtaModule.STORE, VtaModule.COMPUTE);
        }
    }
}
