package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaAluStep;
import dev.hetplace.backends.vta.VtaAluWorkload;
import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaTiling;
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
final class VtaAluLowering extends VtaTiledLowering {
    private final VtaAluWorkload w;
    private final int entries;
    private final BlockedTile tile;
    private final List<VtaDramRegion> operands = new ArrayList<>();
    private VtaDramRegion output;

    VtaAluLowering(String group, VtaPlan plan, VtaAluWorkload w, VtaAluImmediates imm) {
        super(group, plan, imm);
        this.w = w;
        VtaTiling t = plan.tiling();
        this.entries = tco * t.tileH().inner() * t.tileW().inner();
        this.tile = new BlockedTile(cob, w.height(), w.width(), tco, t.tileH().inner(), t.tileW().inner());
    }

    VtaProgram lower() {
        VtaTiling t = plan.tiling();
        int bb = t.tileB().extent();
        long plane = (long) bb * cob * w.height() * w.width();
        VtaLowering.DramAllocator dram = new VtaLowering.DramAllocator(c);
        for (int k = 0; k < w.tensorOperands(); k++) {
            operands.add(dram.add("operand" + k, VtaMemoryType.ACC, plane));
        }
        output = dram.add("output", VtaMemoryType.OUT, plane);
        return program(dram, () -> {
            for (int n = 0; n < bb; n++) {
                for (int h0 = 0; h0 < t.tileH().outer() / hT; h0++) {
                    for (int co0 = 0; co0 < t.tileCo().outer() / ocT; co0++) {
                        for (int j = 0; j < t.tileW().outer(); j++) {
                            tileGroup(n, h0, co0, j);
                        }
                    }
                }
            }
        }, () -> w.aluSteps().stream().map(s -> new int[] {entries, 1, 1}).toList());
    }

    private int accBase(int t) {
        return t * w.tensorOperands() * entries;
    }

    private void tileGroup(int n, int h0, int co0, int j) {
        for (int t = 0; t < threads; t++) {
            b.depPop(VtaModule.STORE, VtaModule.COMPUTE);
            int hTile = h0 * hT + t % hT;
            int coTile = co0 * ocT + t / hT;
            for (int op = 0; op < w.tensorOperands(); op++) {
                moveBlocks(false, tile, operands.get(op), accBase(t) + op * entries, n, hTile, coTile, j);
            }
            int tensorSteps = 0;
            List<VtaAluStep> steps = w.aluSteps();
            for (int s = 0; s < steps.size(); s++) {
                VtaAluStep step = steps.get(s);
                int src = step.tensorOperand() ? accBase(t) + (++tensorSteps) * entries : accBase(t);
                if (step.tensorOperand() && tensorSteps >= w.tensorOperands()) {
                    throw new IllegalStateException("ALU group '" + group + "' has more tensor steps than operands");
                }
                aluStep(t, s, step, accBase(t), src, new VtaLoop(entries, 1, 1, 0), VtaLoop.NONE);
            }
            b.depPush(VtaModule.COMPUTE, VtaModule.STORE);
        }
        storeTiles(tile, output, this::accBase, n, h0, co0, j);
    }
}
