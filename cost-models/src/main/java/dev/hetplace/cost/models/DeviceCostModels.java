package dev.hetplace.cost.models;

import dev.hetplace.cost.CompositeCostModel;
import dev.hetplace.cost.GroupCostModel;
import dev.hetplace.cost.context.InContextFit;
import dev.hetplace.cost.cpu.CpuCostModel;
import dev.hetplace.cost.crossing.AnalyticalCrossingModel;
import dev.hetplace.cost.gpu.GpuCostModel;
import dev.hetplace.cost.gpu.GpuTiming;

/**
 * The cost models of one run, wired together: a CPU model and a GPU model at a timing, each fitting its in-model
 * correction with {@link InContextFit}, the caller's VTA model (the VTA model lives with the backends' schedule),
 * the cached composite over them and the crossing model sharing the CPU and GPU models' tables and corrections.
 */
public final class DeviceCostModels {
    private final CpuCostModel cpu;
    private final GpuCostModel gpu;
    private final CompositeCostModel groups;
    private final AnalyticalCrossingModel crossings;

    /** {@code vta} may be null (no VTA choices). */
    public DeviceCostModels(GpuTiming timing, GroupCostModel vta) {
        this.cpu = new CpuCostModel(InContextFit::cpu);
        this.gpu = new GpuCostModel(timing, InContextFit::gpu);
        this.groups = new CompositeCostModel(cpu, gpu, vta);
        this.crossings = new AnalyticalCrossingModel(cpu, gpu);
    }

    public CpuCostModel cpu() {
        return cpu;
    }

    public GpuCostModel gpu() {
        return gpu;
    }

    /** The cached per-group model to hand to {@link CostTableBuilder}. */
    public CompositeCostModel groups() {
        return groups;
    }

    public AnalyticalCrossingModel crossings() {
        return crossings;
    }
}
