package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaTimingConstants;
import dev.hetplace.hw.VtaConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A discrete-event model of VTA running a stream: the fetch module reads instructions in order (16 bytes each over
 * the memory port) and dispatches each to its module's command queue, blocking while that queue is full; the load,
 * compute and store modules each take their next command, pop the dependency tokens it asks for (blocking while a
 * token queue is empty), execute it, then push its tokens (blocking while a token queue is full). Command and token
 * queues hold {@link VtaConfig#queueDepth()} entries (8 in the HLS design).
 *
 * <p>Execution times come from the instruction fields and {@link VtaTimingConstants}: a LOAD / STORE spends
 * {@code dmaSetup} cycles, then moves its rows one burst at a time (each burst waits {@code dmaRowLatency} cycles
 * and then holds the memory port for its bytes / port width cycles; with a shared port, bursts of different modules
 * queue for it), then writes one cycle per padding entry; a GEMM takes {@code gemmSetup} plus one cycle per uop
 * execution, an ALU {@code aluSetup} plus {@code aluInitiationInterval} cycles per uop execution; NOPs and FINISH
 * take no time.
 *
 * <p>A stream that cannot complete is reported, never timed: {@link VtaSimulationException} for a deadlock (no
 * module can move and nothing is in flight), a hazard (an instruction starts while an earlier instruction of
 * another module that writes what it reads, or reads or writes what it writes, has not finished), tokens left in a
 * queue at the end, or dependency flags a module does not have.
 */
public final class VtaTimingSimulator {
    private final VtaTimingConstants k;
    private final VtaSimOptions options;

    public VtaTimingSimulator() {
        this(VtaTimingConstants.DEFAULT, VtaSimOptions.DEFAULT);
    }

    public VtaTimingSimulator(VtaTimingConstants k, VtaSimOptions options) {
        this.k = k;
        this.options = options;
    }

    public VtaTimingResult run(VtaProgram p) {
        return new Run(p).execute();
    }

    private static final int L2C = 0;
    private static final int C2L = 1;
    private static final int C2S = 2;
    private static final int S2C = 3;
    private static final String[] QUEUE = {"load->compute", "compute->load", "compute->store", "store->compute"};
    private static final String[] BUFFER = {"uop", "wgt", "inp", "acc", "out"};

    private static final int IDLE = 0;
    private static final int POP = 1;
    private static final int DMA = 2;
    private static final int BUSY = 3;
    private static final int PUSH = 4;

    private final class Run {
        private final VtaProgram p;
        private final VtaConfig c;
        private final List<VtaInstruction> insns;
        private final int n;
        private final int depth;
        private final int portBytes;
        private final int fetchCycles;
        private final int[] tokens = new int[4];
        private final int[] lastPusher = {-1, -1, -1, -1};
        private final int[][] cmd = new int[3][];
        private final int[] cmdHead = new int[3];
        private final int[] cmdSize = new int[3];
        private final int[] state = new int[3];
        private final int[] cur = {-1, -1, -1};
        private final boolean[][] need = new boolean[3][4];
        private final long[] wake = new long[3];
        private final long[] started = new long[3];
        private final long[] rowsLeft = new long[3];
        private final long[] rowBeats = new long[3];
        private final long[] padCycles = new long[3];
        private final long[] busy = new long[3];
        private final long[] modulePortFree = new long[3];
        private long portFree;
        private long gemmCycles;
        private long computeEnd;
        private int pc;
        private long fetchReadyAt;
        private boolean finished;
        private final VtaCounting counting;
        private final List<List<VtaInterval>> timeline = new ArrayList<>();
        // hazard tracking: footprints of fetched instructions, the in-flight ones in index order
        private final int[][] footprint;
        private final boolean[] complete;
        private int[] inflight = new int[64];
        private int inflightSize;
        private final int[] uopDst;
        private final int[] uopSrc;
        private final int[] uopWgt;

        Run(VtaProgram p) {
            this.p = p;
            this.c = p.config();
            this.insns = p.instructions();
            this.n = insns.size();
            this.depth = c.queueDepth();
            this.portBytes = Math.max(1, c.memoryPortBits() / 8);
            this.fetchCycles = (16 + portBytes - 1) / portBytes;
            for (int m = 0; m < 3; m++) {
                cmd[m] = new int[depth];
                timeline.add(new ArrayList<>());
            }
            this.counting = new VtaCounting(c);
            boolean hazards = options.checkHazards();
            this.footprint = hazards ? new int[n][] : null;
            this.complete = hazards ? new boolean[n] : null;
            this.uopDst = hazards ? new int[c.uopEntries()] : null;
            this.uopSrc = hazards ? new int[c.uopEntries()] : null;
            this.uopWgt = hazards ? new int[c.uopEntries()] : null;
        }

        VtaTimingResult execute() {
            long now = 0;
            while (true) {
                boolean progress;
                do {
                    progress = false;
                    for (int m = 0; m < 3; m++) {
                        progress |= step(m, now);
                    }
                    progress |= fetch(now);
                } while (progress);
                if (pc == n && idle()) {
                    break;
                }
                long next = Long.MAX_VALUE;
                if (pc < n && fetchReadyAt > now) {
                    next = fetchReadyAt;
                }
                for (int m = 0; m < 3; m++) {
                    if (state[m] == DMA || state[m] == BUSY) {
                        next = Math.min(next, wake[m]);
                    }
                }
                if (next == Long.MAX_VALUE) {
                    throw deadlock(now);
                }
                now = next;
            }
            for (int q = 0; q < 4; q++) {
                if (tokens[q] != 0) {
                    throw new VtaSimulationException(p.group(), VtaSimulationException.Kind.UNBALANCED,
                            lastPusher[q], QUEUE[q], now, tokens[q] + " token(s) left in " + QUEUE[q]
                            + " at the end; instruction " + lastPusher[q] + " pushed the last");
                }
            }
            if (!finished) {
                throw new VtaSimulationException(p.group(), VtaSimulationException.Kind.INVALID, n - 1, "stream", now,
                        "the stream does not end in FINISH");
            }
            Map<VtaModule, List<VtaInterval>> lines = new EnumMap<>(VtaModule.class);
            for (VtaModule m : VtaModule.values()) {
                lines.put(m, List.copyOf(timeline.get(m.ordinal())));
            }
            return new VtaTimingResult(p.group(), now, (long) n * fetchCycles, busy[0], busy[1], busy[2],
                    gemmCycles, computeEnd, n, counting.nops(), counting.counters(), lines);
        }

        private boolean idle() {
            for (int m = 0; m < 3; m++) {
                if (state[m] != IDLE || cmdSize[m] != 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean fetch(long now) {
            if (pc >= n || now < fetchReadyAt) {
                return false;
            }
            VtaInstruction insn = insns.get(pc);
            int m = insn.module().ordinal();
            if (cmdSize[m] == depth) {
                return false;
            }
            validate(insn);
            if (footprint != null) {
                footprint[pc] = footprintOf(insn);
                addInflight(pc);
            }
            cmd[m][(cmdHead[m] + cmdSize[m]) % depth] = pc;
            cmdSize[m]++;
            pc++;
            fetchReadyAt = now + fetchCycles;
            return true;
        }

        private void validate(VtaInstruction insn) {
            VtaDeps d = insn.deps();
            VtaModule m = insn.module();
            String bad = m == VtaModule.LOAD && (d.popPrev() || d.pushPrev()) ? "prev"
                    : m == VtaModule.STORE && (d.popNext() || d.pushNext()) ? "next" : null;
            if (bad != null) {
                throw new VtaSimulationException(p.group(), VtaSimulationException.Kind.INVALID, pc, m.id(), 0,
                        "the " + m.id() + " module has no " + bad + " module to exchange tokens with: "
                                + insn.describe());
            }
            if (insn instanceof VtaInstruction.Finish && d.any()) {
                throw new VtaSimulationException(p.group(), VtaSimulationException.Kind.INVALID, pc, "compute", 0,
                        "FINISH carries dependency flags");
            }
        }

        private int popQueue(int m, boolean prev) {
            return switch (m) {
                case 0 -> C2L;
                case 1 -> prev ? L2C : S2C;
                default -> C2S;
            };
        }

        private int pushQueue(int m, boolean prev) {
            return switch (m) {
                case 0 -> L2C;
                case 1 -> prev ? C2L : C2S;
                default -> S2C;
            };
        }

        /** Advances module {@code m} as far as it can go at cycle {@code now}. */
        private boolean step(int m, long now) {
            boolean any = false;
            while (true) {
                switch (state[m]) {
                    case IDLE -> {
                        if (cmdSize[m] == 0) {
                            return any;
                        }
                        int i = cmd[m][cmdHead[m]];
                        cmdHead[m] = (cmdHead[m] + 1) % depth;
                        cmdSize[m]--;
                        cur[m] = i;
                        VtaDeps d = insns.get(i).deps();
                        need[m][0] = d.popPrev();
                        need[m][1] = d.popNext();
                        need[m][2] = d.pushPrev();
                        need[m][3] = d.pushNext();
                        state[m] = POP;
                    }
                    case POP -> {
                        for (int f = 0; f < 2; f++) {
                            if (need[m][f]) {
                                int q = popQueue(m, f == 0);
                                if (tokens[q] == 0) {
                                    return any;
                                }
                                tokens[q]--;
                                need[m][f] = false;
                            }
                        }
                        start(m, now);
                    }
                    case DMA -> {
                        if (wake[m] > now) {
                            return any;
                        }
                        long free = options.sharedMemoryPort() ? portFree : modulePortFree[m];
                        long begin = Math.max(now + k.dmaRowLatency(), free);
                        long end = begin + rowBeats[m];
                        if (options.sharedMemoryPort()) {
                            portFree = end;
                        } else {
                            modulePortFree[m] = end;
                        }
                        wake[m] = end;
                        if (--rowsLeft[m] == 0) {
                            wake[m] = end + padCycles[m];
                            state[m] = BUSY;
                        }
                    }
                    case BUSY -> {
                        if (wake[m] > now) {
                            return any;
                        }
                        retire(m, now);
                        state[m] = PUSH;
                    }
                    case PUSH -> {
                        for (int f = 2; f < 4; f++) {
                            if (need[m][f]) {
                                int q = pushQueue(m, f == 2);
                                if (tokens[q] == depth) {
                                    return any;
                                }
                                tokens[q]++;
                                lastPusher[q] = cur[m];
                                need[m][f] = false;
                            }
                        }
                        state[m] = IDLE;
                        cur[m] = -1;
                    }
                    default -> throw new IllegalStateException("state " + state[m]);
                }
                any = true;
            }
        }

        private void start(int m, long now) {
            int i = cur[m];
            VtaInstruction insn = insns.get(i);
            if (footprint != null) {
                checkHazards(i, m, now);
            }
            started[m] = now;
            state[m] = BUSY;
            wake[m] = now;
            if (insn.isNop()) {
                return;
            }
            if (insn instanceof VtaInstruction.Load l) {
                dma(m, now, l.ySize(), (long) l.xSize() * l.memory().entryBytes(c), l.sramEntries() - l.dramEntries());
            } else if (insn instanceof VtaInstruction.Store s) {
                dma(m, now, s.ySize(), (long) s.xSize() * c.outEntryBytes(), 0);
            } else if (insn instanceof VtaInstruction.Gemm g) {
                wake[m] = now + k.gemmSetup() + g.ops();
                gemmCycles += k.gemmSetup() + g.ops();
            } else if (insn instanceof VtaInstruction.Alu a) {
                wake[m] = now + k.aluSetup() + (long) k.aluInitiationInterval() * a.ops();
            } else if (insn instanceof VtaInstruction.Finish) {
                finished = true;
            }
        }

        private void dma(int m, long now, long rows, long rowBytes, long pads) {
            padCycles[m] = pads;
            if (rows > 0 && rowBytes > 0) {
                rowsLeft[m] = rows;
                rowBeats[m] = (rowBytes + portBytes - 1) / portBytes;
                wake[m] = now + k.dmaSetup();
                state[m] = DMA;
            } else {
                wake[m] = now + k.dmaSetup() + pads;
            }
        }

        private void retire(int m, long now) {
            int i = cur[m];
            VtaInstruction insn = insns.get(i);
            counting.add(insn);
            if (!insn.isNop() && !(insn instanceof VtaInstruction.Finish)) {
                busy[m] += now - started[m];
                if (m == 1) {
                    computeEnd = now;
                }
                if (options.recordTimeline()) {
                    timeline.get(m).add(new VtaInterval(started[m], now, i));
                }
            }
            if (footprint != null) {
                complete[i] = true;
                removeInflight(i);
                footprint[i] = null;
            }
        }

        private VtaSimulationException deadlock(long now) {
            int worst = Integer.MAX_VALUE;
            String where = null;
            StringBuilder why = new StringBuilder();
            for (int m = 0; m < 3; m++) {
                String q = null;
                if (state[m] == POP) {
                    for (int f = 0; f < 2 && q == null; f++) {
                        if (need[m][f]) {
                            q = QUEUE[popQueue(m, f == 0)];
                            why.append(String.format(Locale.ROOT, "; %s waits at instruction %d (%s) for a token on "
                                    + "%s", VtaModule.values()[m].id(), cur[m], insns.get(cur[m]).describe(), q));
                        }
                    }
                } else if (state[m] == PUSH) {
                    for (int f = 2; f < 4 && q == null; f++) {
                        if (need[m][f]) {
                            q = QUEUE[pushQueue(m, f == 2)];
                            why.append(String.format(Locale.ROOT, "; %s waits at instruction %d to push onto full %s",
                                    VtaModule.values()[m].id(), cur[m], q));
                        }
                    }
                }
                if (q != null && cur[m] < worst) {
                    worst = cur[m];
                    where = q;
                }
            }
            if (pc < n) {
                why.append(String.format(Locale.ROOT, "; fetch waits to dispatch instruction %d to the full %s "
                        + "command queue", pc, insns.get(pc).module().id()));
                if (where == null) {
                    worst = pc;
                    where = insns.get(pc).module().id() + " command queue";
                }
            }
            return new VtaSimulationException(p.group(), VtaSimulationException.Kind.DEADLOCK, worst, where, now,
                    "no module can move" + why);
        }

        // ---- hazards ----

        private void addInflight(int i) {
            if (inflightSize == inflight.length) {
                inflight = java.util.Arrays.copyOf(inflight, inflightSize * 2);
            }
            inflight[inflightSize++] = i;
        }

        private void removeInflight(int i) {
            int at = java.util.Arrays.binarySearch(inflight, 0, inflightSize, i);
            if (at >= 0) {
                System.arraycopy(inflight, at + 1, inflight, at, inflightSize - at - 1);
                inflightSize--;
            }
        }

        private void checkHazards(int b, int m, long now) {
            int[] fb = footprint[b];
            if (fb.length == 0) {
                return;
            }
            for (int x = 0; x < inflightSize && inflight[x] < b; x++) {
                int a = inflight[x];
                if (complete[a] || insns.get(a).module().ordinal() == m) {
                    continue;
                }
                int[] fa = footprint[a];
                for (int u = 0; u < fa.length; u += 4) {
                    for (int v = 0; v < fb.length; v += 4) {
                        if (fa[u] == fb[v] && fa[u + 1] < fb[v + 2] && fb[v + 1] < fa[u + 2]
                                && (fa[u + 3] == 1 || fb[v + 3] == 1)) {
                            String what = fb[v + 3] == 1 ? (fa[u + 3] == 1 ? "writes" : "overwrites") : "reads";
                            String other = fa[u + 3] == 1 ? "writes" : "still reads";
                            int lo = Math.max(fa[u + 1], fb[v + 1]);
                            int hi = Math.min(fa[u + 2], fb[v + 2]);
                            throw new VtaSimulationException(p.group(), VtaSimulationException.Kind.HAZARD, b,
                                    BUFFER[fb[v]], now, String.format(Locale.ROOT, "%s (%s) %s %s [%d, %d) that "
                                            + "pending instruction %d (%s, %s) %s", insns.get(b).describe(),
                                    VtaModule.values()[m].id(), what, BUFFER[fb[v]], lo, hi, a,
                                    insns.get(a).describe(), insns.get(a).module().id(), other));
                        }
                    }
                }
            }
        }

        /** Buffer accesses of an instruction as (buffer, lo, hi, write) quads, uops resolved in stream order. */
        private int[] footprintOf(VtaInstruction insn) {
            if (insn.isNop() || insn instanceof VtaInstruction.Finish) {
                return new int[0];
            }
            if (insn instanceof VtaInstruction.Load l) {
                int lo = l.sramBase();
                int hi = (int) (lo + l.sramEntries());
                if (l.memory() == VtaMemoryType.UOP) {
                    shadowUops(l);
                }
                return new int[] {l.memory().ordinal(), lo, hi, 1};
            }
            if (insn instanceof VtaInstruction.Store s) {
                return new int[] {VtaMemoryType.OUT.ordinal(), s.sramBase(), (int) (s.sramBase() + s.entries()), 0};
            }
            if (insn instanceof VtaInstruction.Gemm g) {
                int[] dst = span(uopDst, g.uopBegin(), g.uopEnd(), g.iterOut(), g.iterIn(), g.dstFactorOut(),
                        g.dstFactorIn());
                int uop = VtaMemoryType.UOP.ordinal();
                int acc = VtaMemoryType.ACC.ordinal();
                int out = VtaMemoryType.OUT.ordinal();
                if (g.reset()) {
                    return new int[] {uop, g.uopBegin(), g.uopEnd(), 0, acc, dst[0], dst[1], 1, out, dst[0], dst[1], 1};
                }
                int[] src = span(uopSrc, g.uopBegin(), g.uopEnd(), g.iterOut(), g.iterIn(), g.srcFactorOut(),
                        g.srcFactorIn());
                int[] wgt = span(uopWgt, g.uopBegin(), g.uopEnd(), g.iterOut(), g.iterIn(), g.wgtFactorOut(),
                        g.wgtFactorIn());
                return new int[] {uop, g.uopBegin(), g.uopEnd(), 0, VtaMemoryType.INP.ordinal(), src[0], src[1], 0,
                        VtaMemoryType.WGT.ordinal(), wgt[0], wgt[1], 0, acc, dst[0], dst[1], 1, out, dst[0], dst[1], 1};
            }
            VtaInstruction.Alu a = (VtaInstruction.Alu) insn;
            int[] dst = span(uopDst, a.uopBegin(), a.uopEnd(), a.iterOut(), a.iterIn(), a.dstFactorOut(),
                    a.dstFactorIn());
            int acc = VtaMemoryType.ACC.ordinal();
            int[] f = {VtaMemoryType.UOP.ordinal(), a.uopBegin(), a.uopEnd(), 0, acc, dst[0], dst[1], 1,
                    VtaMemoryType.OUT.ordinal(), dst[0], dst[1], 1};
            if (a.useImm()) {
                return f;
            }
            int[] src = span(uopSrc, a.uopBegin(), a.uopEnd(), a.iterOut(), a.iterIn(), a.srcFactorOut(),
                    a.srcFactorIn());
            int[] g = java.util.Arrays.copyOf(f, 16);
            g[12] = acc;
            g[13] = src[0];
            g[14] = src[1];
            g[15] = 0;
            return g;
        }

        private int[] span(int[] idx, int begin, int end, int iterOut, int iterIn, int fOut, int fIn) {
            if (begin >= end) {
                return new int[] {0, 0};
            }
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int u = begin; u < end && u < idx.length; u++) {
                lo = Math.min(lo, idx[u]);
                hi = Math.max(hi, idx[u]);
            }
            long a = (long) (iterOut - 1) * fOut;
            long b = (long) (iterIn - 1) * fIn;
            long l = lo + Math.min(0, a) + Math.min(0, b);
            long h = hi + Math.max(0, a) + Math.max(0, b) + 1;
            return new int[] {(int) l, (int) h};
        }

        private void shadowUops(VtaInstruction.Load l) {
            List<VtaUop> image = p.uops();
            for (int r = 0; r < l.ySize(); r++) {
                for (int x = 0; x < l.xSize(); x++) {
                    long from = l.dramBase() + (long) r * l.xStride() + x;
                    int to = l.sramBase() + (l.yPadTop() + r) * l.rowEntries() + l.xPadLeft() + x;
                    if (from < image.size() && to >= 0 && to < uopDst.length) {
                        VtaUop u = image.get((int) from);
                        uopDst[to] = u.dst();
                        uopSrc[to] = u.src();
                        uopWgt[to] = u.wgt();
                    }
                }
            }
        }
    }
}
