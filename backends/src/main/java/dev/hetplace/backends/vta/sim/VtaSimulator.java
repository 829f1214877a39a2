package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaSchedule;
import dev.hetplace.backends.vta.VtaUnsupportedException;
import dev.hetplace.backends.vta.VtaWorkload;
import dev.hetplace.backends.vta.VtaWorkloads;
import dev.hetplace.hw.VtaConfig;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;

/**
 * Plan, lower and time a group in one call: {@link VtaSchedule} picks the tiling, {@link VtaLowering} turns it
 * into instructions, {@link VtaTimingSimulator} runs them with the schedule's timing constants.
 */
public final class VtaSimulator {
    private final VtaSchedule schedule;
    private final VtaTimingSimulator timing;

    public VtaSimulator() {
        this(new VtaSchedule(), VtaSimOptions.DEFAULT);
    }

    public VtaSimulator(VtaSchedule schedule, VtaSimOptions options) {
        this.schedule = schedule;
        this.timing = new VtaTimingSimulator(schedule.timing(), options);
    }

    public VtaSchedule schedule() {
        return schedule;
    }

    /** The schedule's plan of {@code w} on {@code c}, lowered (refusals name {@code group}). */
    public VtaProgram lower(String group, VtaWorkload w, VtaConfig c, VtaAluImmediates immediates) {
        return VtaLowering.lower(group, schedule.plan(group, w, c), immediates);
    }

    /**
     * A group of a graph lowered at {@code batch}. Refuses with {@link VtaUnsupportedException}, naming the group
     * and the limit, a conv VTA's GEMM cannot run (grouped, dilated), a group with no VTA kernel (pools, softmax,
     * ...) and a configuration whose buffers cannot hold one block.
     */
    public VtaProgram lower(GroupedGraph graph, Group group, VtaConfig c, int batch, VtaAluImmediates immediates) {
        VtaSchedule.requireHoldsOneBlock(group.name(), c);
        VtaWorkload w = VtaWorkloads.of(graph, group, batch).orElseThrow(() -> new VtaUnsupportedException(
                group.name(), "conv2d, dense, residual add, relu, clip", "VTA has no kernel for "
                + graph.anchor(group).op().name()));
        return lower(group.name(), w, c, immediates);
    }

    public VtaProgram lower(String group, VtaPlan plan, VtaAluImmediates immediates) {
        return VtaLowering.lower(group, plan, immediates);
    }

    /** Timing-only simulation of the schedule's plan (immediates do not change timing). */
    public VtaTimingResult time(String group, VtaWorkload w, VtaConfig c) {
        return timing.run(lower(group, w, c, VtaAluImmediates.DEFAULT));
    }

    public VtaTimingResult time(VtaProgram p) {
        return timing.run(p);
    }
}
