package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaCounters;
import dev.hetplace.hw.VtaConfig;
import java.util.List;
import java.util.Map;

/**
 * What the timing simulation of one program measured: total cycles (FINISH retired), cycles each module spent
 * executing instructions (waiting for the memory port included, waiting for tokens or commands not), GEMM cycles,
 * the cycle the last GEMM / ALU / ACC or UOP load ended, instruction and NOP counts, TVM-style counters, and the
 * per-module timelines when they were recorded (else empty lists).
 */
public record VtaTimingResult(String group, long cycles, long fetchBusy, long loadBusy, long computeBusy,
                              long storeBusy, long gemmCycles, long computeEnd, long instructions, long nops,
                              VtaCounters counters, Map<VtaModule, List<VtaInterval>> timeline) {

    public VtaTimingResult {
        timeline = Map.copyOf(timeline);
    }

    public long timeNs(VtaConfig c) {
        return Math.round(cycles * 1000.0 / c.clockMHz());
    }

    /** Cycles after the compute module's last instruction during which only stores ran. */
    public long storeExposed() {
        return Math.max(0, cycles - computeEnd);
    }

    /** Cycles, before the compute module's end, in which it did not execute: waiting for loads. */
    public long loadExposed() {
        return Math.max(0, cycles - computeBusy - storeExposed());
    }

    /** Cycles during which both modules executed an instruction (needs a recorded timeline). */
    public long overlap(VtaModule a, VtaModule b) {
        List<VtaInterval> x = timeline.getOrDefault(a, List.of());
        List<VtaInterval> y = timeline.getOrDefault(b, List.of());
        long total = 0;
        int j = 0;
        for (VtaInterval i : x) {
            while (j < y.size() && y.get(j).end() <= i.start()) {
                j++;
            }
            for (int k = j; k < y.size() && y.get(k).start() < i.end(); k++) {
                total += Math.max(0, Math.min(i.end(), y.get(k).end()) - Math.max(i.start(), y.get(k).start()));
            }
        }
        return total;
    }
}
