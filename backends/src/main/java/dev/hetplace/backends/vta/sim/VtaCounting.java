package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaCounters;
import dev.hetplace.hw.VtaConfig;

/** Counts executed instructions the way TVM's functional simulator does (bytes per memory type, uop executions). */
final class VtaCounting {
    private final VtaConfig c;
    private long inpBytes;
    private long wgtBytes;
    private long accBytes;
    private long uopBytes;
    private long outBytes;
    private long gemmOps;
    private long resetOps;
    private long aluOps;
    private long loadInp;
    private long loadWgt;
    private long loadAcc;
    private long loadUop;
    private long gemms;
    private long alus;
    private long stores;
    private long nops;

    VtaCounting(VtaConfig c) {
        this.c = c;
    }

    void add(VtaInstruction insn) {
        if (insn.isNop()) {
            nops++;
            return;
        }
        if (insn instanceof VtaInstruction.Load l) {
            long bytes = l.dramEntries() * l.memory().entryBytes(c);
            switch (l.memory()) {
                case INP -> {
                    inpBytes += bytes;
                    loadInp++;
                }
                case WGT -> {
                    wgtBytes += bytes;
                    loadWgt++;
                }
                case ACC -> {
                    accBytes += bytes;
                    loadAcc++;
                }
                case UOP -> {
                    uopBytes += bytes;
                    loadUop++;
                }
                case OUT -> throw new IllegalStateException("LOAD OUT");
            }
        } else if (insn instanceof VtaInstruction.Store s) {
            outBytes += s.entries() * c.outEntryBytes();
            stores++;
        } else if (insn instanceof VtaInstruction.Gemm g) {
            if (g.reset()) {
                resetOps += g.ops();
            } else {
                gemmOps += g.ops();
            }
            gemms++;
        } else if (insn instanceof VtaInstruction.Alu a) {
            aluOps += a.ops();
            alus++;
        }
    }

    VtaCounters counters() {
        return new VtaCounters(inpBytes, wgtBytes, accBytes, uopBytes, outBytes, gemmOps, resetOps, aluOps, loadInp,
                loadWgt, loadAcc, loadUop, gemms, alus, stores);
    }

    long nops() {
        return nops;
    }
}
