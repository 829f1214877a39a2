package dev.hetplace.backends.vta.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an instruction stream with the dependency-token discipline of TVM's VTA runtime ({@code InsnQueue} in
 * {@code vta/runtime/runtime.cc}): a {@code dep_pop(from, to)} is held pending on stage {@code to} and merged into
 * that stage's next instruction (a second pending pop of the same kind is first committed as a NOP); a
 * {@code dep_push(from, to)} sets the push flag of the stream's last instruction when that instruction belongs to
 * stage {@code from} and the flag is still free, else it emits a NOP of stage {@code from} carrying the push.
 * Uop kernels are loaded into the uop buffer on first use (a compute-stage LOAD UOP just before the instruction
 * that uses them), as TVM's uop queue does.
 */
final class VtaStreamBuilder {
    private final List<VtaInstruction> insns = new ArrayList<>();
    private final boolean[] pendingPopPrev = new boolean[4];
    private final boolean[] pendingPopNext = new boolean[4];
    private final List<VtaUop> uopImage = new ArrayList<>();
    private final Map<Object, int[]> kernels = new HashMap<>();
    private final int uopCapacity;

    VtaStreamBuilder(int uopCapacity) {
        this.uopCapacity = uopCapacity;
    }

    /** {@code dep_pop(from, to)}: the next instruction of {@code to} waits for a token from {@code from}. */
    void depPop(VtaModule from, VtaModule to) {
        int s = to.stage();
        if (from.stage() < to.stage()) {
            if (pendingPopPrev[s]) {
                commitPendingPop(to);
            }
            pendingPopPrev[s] = true;
        } else {
            if (pendingPopNext[s]) {
                commitPendingPop(to);
            }
            pendingPopNext[s] = true;
        }
    }

    /** {@code dep_push(from, to)}: the last instruction of {@code from} signals {@code to} when done. */
    void depPush(VtaModule from, VtaModule to) {
        commitPendingPop(from);
        if (!insns.isEmpty()) {
            int last = insns.size() - 1;
            VtaInstruction insn = insns.get(last);
            if (stageOf(insn) == from) {
                VtaDeps d = insn.deps();
                if (from.stage() < to.stage() && !d.pushNext()) {
                    insns.set(last, insn.withDeps(d.withPushNext(true)));
                    return;
                }
                if (from.stage() > to.stage() && !d.pushPrev()) {
                    insns.set(last, insn.withDeps(d.withPushPrev(true)));
                    return;
                }
            }
        }
        if (from.stage() < to.stage()) {
            noop(from, new VtaDeps(false, false, false, true));
        } else {
            noop(from, new VtaDeps(false, false, true, false));
        }
    }

    /** Appends {@code insn} with the pending pops of its stage. */
    void add(VtaInstruction insn) {
        int s = insn.module().stage();
        VtaDeps d = new VtaDeps(pendingPopPrev[s], pendingPopNext[s], false, false);
        pendingPopPrev[s] = false;
        pendingPopNext[s] = false;
        insns.add(insn.withDeps(d));
    }

    void commitPendingPop(VtaModule stage) {
        int s = stage.stage();
        if (pendingPopPrev[s] || pendingPopNext[s]) {
            noop(stage, new VtaDeps(pendingPopPrev[s], pendingPopNext[s], false, false));
            pendingPopPrev[s] = false;
            pendingPopNext[s] = false;
        }
    }

    private void noop(VtaModule stage, VtaDeps deps) {
        insns.add(stage == VtaModule.STORE ? VtaInstruction.Store.nop(deps) : VtaInstruction.Load.nop(stage, deps));
    }

    /**
     * The uop range of kernel {@code key} in the uop buffer; on first use its uops are appended to the DRAM uop
     * image and a LOAD UOP is emitted.
     */
    int[] kernel(Object key, List<VtaUop> uops) {
        int[] range = kernels.get(key);
        if (range != null) {
            return range;
        }
        int begin = uopImage.size();
        if (begin + uops.size() > uopCapacity) {
            throw new IllegalStateException("uop kernels overflow the uop buffer of " + uopCapacity + " entries");
        }
        uopImage.addAll(uops);
        add(VtaInstruction.Load.of(VtaMemoryType.UOP, begin, begin, 1, uops.size(), uops.size()));
        range = new int[] {begin, uopImage.size()};
        kernels.put(key, range);
        return range;
    }

    /**
     * TVM's {@code Synchronize}: the last store and the load module signal compute, compute waits for both, then
     * FINISH (which carries no pop).
     */
    List<VtaInstruction> finish() {
        depPush(VtaModule.STORE, VtaModule.COMPUTE);
        depPush(VtaModule.LOAD, VtaModule.COMPUTE);
        depPop(VtaModule.STORE, VtaModule.COMPUTE);
        depPop(VtaModule.LOAD, VtaModule.COMPUTE);
        commitPendingPop(VtaModule.COMPUTE);
        for (boolean b : pendingPopPrev) {
            if (b) {
                throw new IllegalStateException("pending pop left before FINISH");
            }
        }
        for (boolean b : pendingPopNext) {
            if (b) {
                throw new IllegalStateException("pending pop left before FINISH");
            }
        }
        insns.add(new VtaInstruction.Finish(VtaDeps.NONE));
        return List.copyOf(insns);
    }

    List<VtaUop> uopImage() {
        return List.copyOf(uopImage);
    }

    /** TVM's {@code GetPipelineStage}: a zero-sized LOAD belongs to no stage (a STORE NOP still is a store). */
    private static VtaModule stageOf(VtaInstruction insn) {
        if (insn instanceof VtaInstruction.Load l && l.isNop()) {
            return null;
        }
        return insn.module();
    }
}
