package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaCounters;
import dev.hetplace.hw.VtaConfig;
import java.util.List;

/**
 * Executes a program's instructions in stream order over VTA's SRAM buffers and a DRAM image, as TVM's functional
 * simulator does: LOAD with on-the-fly zero padding, int8 x int8 -> int32 GEMM, ALU MIN / MAX / ADD / SHR (SHR by
 * a negative amount shifts left, wrapping like the hardware), the output buffer holding the low 8 bits of every
 * accumulator the GEMM or ALU writes, STORE of int8 entries. Stream order is a legal schedule of a hazard-free
 * stream ({@link VtaTimingSimulator} checks that), so results equal the pipelined hardware's. Accesses outside a
 * buffer or the DRAM image throw {@link VtaSimulationException}.
 */
public final class VtaFunctionalSimulator {
    private final VtaProgram p;
    private final VtaConfig c;
    private final VtaDram dram;
    private final int lanesIn;
    private final int lanesOut;
    private final int batch;
    private final int blockIn;
    private final int blockOut;
    private final byte[] inp;
    private final byte[] wgt;
    private final int[] acc;
    private final byte[] out;
    private final int[] uopDst;
    private final int[] uopSrc;
    private final int[] uopWgt;
    private final VtaCounting counting;
    private int pc;

    private VtaFunctionalSimulator(VtaProgram p, VtaDram dram) {
        this.p = p;
        this.c = p.config();
        this.dram = dram;
        this.batch = c.batch();
        this.blockIn = c.blockIn();
        this.blockOut = c.blockOut();
        this.lanesIn = batch * blockIn;
        this.lanesOut = batch * blockOut;
        this.inp = new byte[c.inpEntries() * lanesIn];
        this.wgt = new byte[c.wgtEntries() * blockOut * blockIn];
        this.acc = new int[c.accEntries() * lanesOut];
        this.out = new byte[c.outEntries() * lanesOut];
        this.uopDst = new int[c.uopEntries()];
        this.uopSrc = new int[c.uopEntries()];
        this.uopWgt = new int[c.uopEntries()];
        this.counting = new VtaCounting(c);
    }

    /** Runs {@code p} on {@code dram} (inputs already written there); returns the executed counts. */
    public static VtaCounters run(VtaProgram p, VtaDram dram) {
        VtaFunctionalSimulator sim = new VtaFunctionalSimulator(p, dram);
        sim.execute();
        return sim.counting.counters();
    }

    private void execute() {
        List<VtaInstruction> insns = p.instructions();
        for (pc = 0; pc < insns.size(); pc++) {
            VtaInstruction insn = insns.get(pc);
            counting.add(insn);
            if (insn.isNop()) {
                continue;
            }
            if (insn instanceof VtaInstruction.Load l) {
                load(l);
            } else if (insn instanceof VtaInstruction.Store s) {
                store(s);
            } else if (insn instanceof VtaInstruction.Gemm g) {
                gemm(g);
            } else if (insn instanceof VtaInstruction.Alu a) {
                alu(a);
            }
        }
    }

    private VtaSimulationException outOfBounds(String buffer, String detail) {
        return new VtaSimulationException(p.group(), VtaSimulationException.Kind.OUT_OF_BOUNDS, pc, buffer, 0,
                detail + " in " + p.instructions().get(pc).describe());
    }

    private void requireSram(VtaMemoryType type, long first, long count) {
        if (first < 0 || first + count > type.entries(c)) {
            throw outOfBounds(type.name().toLowerCase(java.util.Locale.ROOT), "entries [" + first + ", "
                    + (first + count) + ") outside the " + type.entries(c) + "-entry buffer");
        }
    }

    private void load(VtaInstruction.Load l) {
        int rowEntries = l.rowEntries();
        int rows = l.yPadTop() + l.ySize() + l.yPadBottom();
        requireSram(l.memory(), l.sramBase(), (long) rows * rowEntries);
        if (l.memory() == VtaMemoryType.UOP) {
            loadUops(l);
            return;
        }
        int eb = l.memory().entryBytes(c);
        long lastDram = (l.dramBase() + (long) (l.ySize() - 1) * l.xStride() + l.xSize()) * eb;
        if (l.ySize() > 0 && (l.dramBase() < 0 || lastDram > dram.size())) {
            throw outOfBounds("dram", "bytes up to " + lastDram + " outside the " + dram.size() + "-byte image");
        }
        for (int r = 0; r < rows; r++) {
            int sramRow = l.sramBase() + r * rowEntries;
            boolean inside = r >= l.yPadTop() && r < l.yPadTop() + l.ySize();
            for (int x = 0; x < rowEntries; x++) {
                boolean data = inside && x >= l.xPadLeft() && x < l.xPadLeft() + l.xSize();
                long from = data ? l.dramBase() + (long) (r - l.yPadTop()) * l.xStride() + (x - l.xPadLeft()) : -1;
                copyEntry(l.memory(), sramRow + x, from, eb);
            }
        }
    }

    private void copyEntry(VtaMemoryType type, int sramEntry, long dramEntry, int eb) {
        byte[] mem = dram.bytes();
        switch (type) {
            case INP -> {
                if (dramEntry < 0) {
                    java.util.Arrays.fill(inp, sramEntry * lanesIn, (sramEntry + 1) * lanesIn, (byte) 0);
                } else {
                    System.arraycopy(mem, (int) (dramEntry * eb), inp, sramEntry * lanesIn, lanesIn);
                }
            }
            case WGT -> {
                int n = blockOut * blockIn;
                if (dramEntry < 0) {
                    java.util.Arrays.fill(wgt, sramEntry * n, (sramEntry + 1) * n, (byte) 0);
                } else {
                    System.arraycopy(mem, (int) (dramEntry * eb), wgt, sramEntry * n, n);
                }
            }
            case ACC -> {
                for (int i = 0; i < lanesOut; i++) {
                    acc[sramEntry * lanesOut + i] = dramEntry < 0 ? 0 : dram.getInt((int) (dramEntry * eb) + 4 * i);
                }
            }
            default -> throw new IllegalStateException("LOAD " + type);
        }
    }

    private void loadUops(VtaInstruction.Load l) {
        List<VtaUop> image = p.uops();
        for (int r = 0; r < l.ySize(); r++) {
            for (int x = 0; x < l.xSize(); x++) {
                long from = l.dramBase() + (long) r * l.xStride() + x;
                if (from >= image.size()) {
                    throw outOfBounds("dram", "uop " + from + " outside the " + image.size() + "-uop image");
                }
                VtaUop u = image.get((int) from);
                int to = l.sramBase() + (l.yPadTop() + r) * l.rowEntries() + l.xPadLeft() + x;
                uopDst[to] = u.dst();
                uopSrc[to] = u.src();
                uopWgt[to] = u.wgt();
            }
        }
    }

    private void store(VtaInstruction.Store s) {
        requireSram(VtaMemoryType.OUT, s.sramBase(), s.entries());
        int eb = c.outEntryBytes();
        long last = (s.dramBase() + (long) (s.ySize() - 1) * s.xStride() + s.xSize()) * eb;
        if (s.dramBase() < 0 || last > dram.size()) {
            throw outOfBounds("dram", "bytes up to " + last + " outside the " + dram.size() + "-byte image");
        }
        byte[] mem = dram.bytes();
        for (int r = 0; r < s.ySize(); r++) {
            long to = (s.dramBase() + (long) r * s.xStride()) * eb;
            System.arraycopy(out, (s.sramBase() + r * s.xSize()) * lanesOut, mem, (int) to, s.xSize() * eb);
        }
    }

    private void requireUops(int begin, int end) {
        if (end > c.uopEntries()) {
            throw outOfBounds("uop", "uops [" + begin + ", " + end + ") outside the " + c.uopEntries()
                    + "-entry buffer");
        }
    }

    private void gemm(VtaInstruction.Gemm g) {
        requireUops(g.uopBegin(), g.uopEnd());
        int accEntries = c.accEntries();
        int inpEntries = c.inpEntries();
        int wgtEntries = c.wgtEntries();
        int wgtLanes = blockOut * blockIn;
        for (int i = 0; i < g.iterOut(); i++) {
            for (int j = 0; j < g.iterIn(); j++) {
                for (int u = g.uopBegin(); u < g.uopEnd(); u++) {
                    int d = uopDst[u] + i * g.dstFactorOut() + j * g.dstFactorIn();
                    if (d < 0 || d >= accEntries) {
                        throw outOfBounds("acc", "entry " + d + " outside the " + accEntries + "-entry buffer");
                    }
                    int accAt = d * lanesOut;
                    if (g.reset()) {
                        java.util.Arrays.fill(acc, accAt, accAt + lanesOut, 0);
                        java.util.Arrays.fill(out, accAt, accAt + lanesOut, (byte) 0);
                        continue;
                    }
                    int s = uopSrc[u] + i * g.srcFactorOut() + j * g.srcFactorIn();
                    int w = uopWgt[u] + i * g.wgtFactorOut() + j * g.wgtFactorIn();
                    if (s < 0 || s >= inpEntries) {
                        throw outOfBounds("inp", "entry " + s + " outside the " + inpEntries + "-entry buffer");
                    }
                    if (w < 0 || w >= wgtEntries) {
                        throw outOfBounds("wgt", "entry " + w + " outside the " + wgtEntries + "-entry buffer");
                    }
                    int wAt = w * wgtLanes;
                    for (int b = 0; b < batch; b++) {
                        int inAt = s * lanesIn + b * blockIn;
                        int rowAt = accAt + b * blockOut;
                        for (int o = 0; o < blockOut; o++) {
                            int wo = wAt + o * blockIn;
                            int sum = 0;
                            for (int k = 0; k < blockIn; k++) {
                                sum += inp[inAt + k] * wgt[wo + k];
                            }
                            int v = acc[rowAt + o] + sum;
                            acc[rowAt + o] = v;
                            out[rowAt + o] = (byte) v;
                        }
                    }
                }
            }
        }
    }

    private void alu(VtaInstruction.Alu a) {
        requireUops(a.uopBegin(), a.uopEnd());
        int accEntries = c.accEntries();
        for (int i = 0; i < a.iterOut(); i++) {
            for (int j = 0; j < a.iterIn(); j++) {
                for (int u = a.uopBegin(); u < a.uopEnd(); u++) {
                    int d = uopDst[u] + i * a.dstFactorOut() + j * a.dstFactorIn();
                    int s = uopSrc[u] + i * a.srcFactorOut() + j * a.srcFactorIn();
                    if (d < 0 || d >= accEntries || s < 0 || s >= accEntries) {
                        throw outOfBounds("acc", "entries " + d + ", " + s + " outside the " + accEntries
                                + "-entry buffer");
                    }
                    int dAt = d * lanesOut;
                    int sAt = s * lanesOut;
                    for (int l = 0; l < lanesOut; l++) {
                        int x = acc[dAt + l];
                        int y = a.useImm() ? a.imm() : acc[sAt + l];
                        int r = switch (a.opcode()) {
                            case MIN -> Math.min(x, y);
                            case MAX -> Math.max(x, y);
                            case ADD -> x + y;
                            case SHR -> y >= 0 ? x >> y : x << -y;
                        };
                        acc[dAt + l] = r;
                        out[dAt + l] = (byte) r;
                    }
                }
            }
        }
    }
}
