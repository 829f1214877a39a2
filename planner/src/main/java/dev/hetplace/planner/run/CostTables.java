package dev.hetplace.planner.run;

import dev.hetplace.backends.measure.UserMeasurements;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.CostTableBuilder;
import dev.hetplace.cost.GroupCostModel;
import dev.hetplace.cost.NoiseModel;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.measured.MeasuredCostModel;
import dev.hetplace.cost.models.DeviceCostModels;
import dev.hetplace.cost.vta.VtaCostModel;
import dev.hetplace.cost.vta.VtaCostSource;
import dev.hetplace.cost.vta.VtaSimulatedCostModel;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import java.util.List;
import java.util.Set;

/** Builds the cost table for a run from the platform's cost models. */
public final class CostTables {
    private CostTables() {
    }

    /** The cost models of a run: CPU, GPU at the given timing ({@code eager} or {@code graph}) and VTA. */
    public static DeviceCostModels models(GpuTiming gpuTiming) {
        return models(gpuTiming, VtaCostSource.ANALYTICAL);
    }

    /** As above, with VTA priced by {@code analytical} formulas or the {@code simulated} instruction stream. */
    public static DeviceCostModels models(GpuTiming gpuTiming, VtaCostSource vtaCosts) {
        VtaCostModel analytical = new VtaCostModel();
        return new DeviceCostModels(gpuTiming,
                vtaCosts == VtaCostSource.SIMULATED ? new VtaSimulatedCostModel(analytical) : analytical);
    }

    /**
     * The table with given models, so repeated builds (break-even probes, sweeps) share their caches, and the run's
     * noise model (measured sensitivities or the estimate).
     */
    public static CostTable build(ModelInput model, Platform platform, List<String> targets, Set<Precision> precisions,
                                  int batch, DeviceCostModels models, NoiseModel noise) {
        return build(model, platform, targets, precisions, batch, models, noise, UserMeasurements.NONE);
    }

    /** As above, groups the user's measurements match priced from them ({@code --measurements}). */
    public static CostTable build(ModelInput model, Platform platform, List<String> targets, Set<Precision> precisions,
                                  int batch, DeviceCostModels models, NoiseModel noise, UserMeasurements measured) {
        GroupCostModel groups = measured.isEmpty() ? models.groups()
                : new MeasuredCostModel(models.groups(), measured, platform.name());
        return new CostTableBuilder(model.grouped(), platform, targets, precisions, batch, groups,
                models.crossings(), noise).build();
    }
}
