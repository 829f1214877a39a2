package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaAluStep;
import dev.hetplace.backends.vta.VtaAluWorkload;
import dev.hetplace.backends.vta.VtaConvWorkload;
import dev.hetplace.backends.vta.VtaDenseWorkload;
import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaUnsupportedException;
import dev.hetplace.backends.vta.VtaUopKernel;
import dev.hetplace.hw.VtaConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers a group's {@link VtaPlan} to a VTA instruction stream that follows the plan's tiling and loop order
 * exactly (see {@code VtaConvModel}, {@code VtaDenseModel}, {@code VtaAluModel}): virtual threads own disjoint
 * SRAM tiles, dependency tokens follow TVM's lowering of {@code conv2d_packed} / {@code dense_packed} (store
 * primes compute with one token per thread; each thread's reset and GEMMs hand its buffers to the load module,
 * its loads hand them back, its ALU epilogue hands the accumulator to the store module, whose stores return it),
 * input windows are loaded with on-the-fly zero padding. Refuses (naming the group) what a field of VTA's
 * instructions cannot express.
 */
public final class VtaLowering {
    /** LOAD / STORE y_size, x_size and x_stride are 16 bits; the LOAD pad fields 4 bits. */
    static final int MAX_DMA_FIELD = (1 << 16) - 1;
    static final int MAX_PAD = 15;

    private VtaLowering() {
    }

    public static VtaProgram lower(String group, VtaPlan plan, VtaAluImmediates immediates) {
        VtaSchedulePlanCheck.requireFits(group, plan);
        if (plan.workload() instanceof VtaConvWorkload w) {
            return new VtaConvLowering(group, plan, w, immediates).lower();
        }
        if (plan.workload() instanceof VtaDenseWorkload w) {
            return new VtaDenseLowering(group, plan, w, immediates).lower();
        }
        return new VtaAluLowering(group, plan, (VtaAluWorkload) plan.workload(), immediates).lower();
    }

    /** The ALU instruction of {@code step} over a uop range with the given loops (immediate chosen by purpose). */
    static VtaInstruction.Alu alu(String group, VtaAluStep step, VtaAluImmediates imm, int[] range, VtaLoop out,
                                  VtaLoop in) {
        int value = step.tensorOperand() ? 0 : immediate(group, step, imm);
        return new VtaInstruction.Alu(VtaDeps.NONE, step.opcode(), !step.tensorOperand(), value, range[0], range[1],
                out.extent(), in.extent(), out.dst(), in.dst(), out.src(), in.src());
    }

    static int immediate(String group, VtaAluStep step, VtaAluImmediates imm) {
        long v = switch (step.opcode()) {
            case ADD -> imm.roundAddend();
            case SHR -> imm.shift();
            case MIN -> "clip".equals(step.purpose()) ? imm.clipHigh() : 127;
            case MAX -> "clip".equals(step.purpose()) ? imm.clipLow() : "relu".equals(step.purpose()) ? 0 : -128;
        };
        if (v < VtaAluImmediates.MIN_IMM || v > VtaAluImmediates.MAX_IMM) {
            throw new VtaUnsupportedException(group, "ALU immediate 16 bits", "the " + step.purpose() + " step of "
                    + "shift " + imm.shift() + " needs immediate " + v);
        }
        return (int) v;
    }

    /** Checks the fields of a LOAD / STORE against their widths. */
    static <T extends VtaInstruction> T checked(String group, T insn) {
        if (insn instanceof VtaInstruction.Load l) {
            if (l.ySize() > MAX_DMA_FIELD || l.xSize() > MAX_DMA_FIELD || l.xStride() > MAX_DMA_FIELD) {
                throw new VtaUnsupportedException(group, "DMA x_size " + MAX_DMA_FIELD, "LOAD " + l.memory()
                        + " of " + l.ySize() + " x " + l.xSize() + " entries (stride " + l.xStride() + ")");
            }
            if (Math.max(Math.max(l.yPadTop(), l.yPadBottom()), Math.max(l.xPadLeft(), l.xPadRight())) > MAX_PAD) {
                throw new VtaUnsupportedException(group, "LOAD pad field " + MAX_PAD, "a window needs padding "
                        + l.yPadTop() + "," + l.yPadBottom() + "," + l.xPadLeft() + "," + l.xPadRight());
            }
        } else if (insn instanceof VtaInstruction.Store s) {
            if (s.ySize() > MAX_DMA_FIELD || s.xSize() > MAX_DMA_FIELD || s.xStride() > MAX_DMA_FIELD) {
                throw new VtaUnsupportedException(group, "DMA x_size " + MAX_DMA_FIELD, "STORE of " + s.ySize()
                        + " x " + s.xSize() + " entries (stride " + s.xStride() + ")");
            }
        }
        return insn;
    }

    /** Asserts that the kernels one thread built have the plan's loop extents and uop counts, in order. */
    static void requireKernelsMatch(String group, VtaPlan plan, List<int[]> built) {
        List<VtaUopKernel> planned = plan.kernels();
        boolean same = planned.size() == built.size();
        for (int i = 0; same && i < built.size(); i++) {
            VtaUopKernel k = planned.get(i);
            int[] b = built.get(i);
            same = k.extentOut() == b[0] && k.extentIn() == b[1] && k.uops() == b[2];
        }
        if (!same) {
            List<String> got = new ArrayList<>();
            for (int[] b : built) {
                got.add(b[0] + "x" + b[1] + "x" + b[2]);
            }
            throw new IllegalStateException("lowering of '" + group + "' built kernels " + got
                    + " but the plan has " + planned.stream().map(k -> k.extentOut() + "x" + k.extentIn() + "x"
                    + k.uops()).toList());
        }
    }

    /** Lays out DRAM regions one after another, each aligned to the largest entry of {@code c}. */
    static final class DramAllocator {
        private final VtaConfig c;
        private final long align;
        private final List<VtaDramRegion> regions = new ArrayList<>();
        private long next;

        DramAllocator(VtaConfig c) {
            this.c = c;
            long a = 1;
            for (VtaMemoryType t : VtaMemoryType.values()) {
                a = Math.max(a, t.entryBytes(c));
            }
            this.align = a;
        }

        VtaDramRegion add(String name, VtaMemoryType type, long entries) {
            VtaDramRegion r = new VtaDramRegion(name, type, next, entries);
            regions.add(r);
            next += (r.bytes(c) + align - 1) / align * align;
            return r;
        }

        VtaDramLayout layout() {
            return new VtaDramLayout(regions, next);
        }
    }
}
