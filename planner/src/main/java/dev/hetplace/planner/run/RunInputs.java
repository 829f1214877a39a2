package dev.hetplace.planner.run;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.models.DeviceCostModels;
import dev.hetplace.hw.Platform;
import dev.hetplace.planner.numerics.RunNumerics;
import java.util.function.Supplier;

/**
 * Where {@link PlacementRunner} gets a run's model, platform, cost models, numerics and cost table: loaded for the
 * one run ({@link #FRESH}, what {@code place} does) or shared between runs that agree on them (a sweep caches them).
 */
public interface RunInputs {
    RunInputs FRESH = new RunInputs() {
    };

    default ModelInput model(String source) {
        return ModelInput.load(source);
    }

    default Platform platform(PlacementSpec spec) {
        return PlatformInput.resolve(spec.platform(), spec.targets(), spec.overrides(), spec.execution().cache());
    }

    default DeviceCostModels costModels(PlacementSpec spec) {
        return CostTables.models(spec.gpuTiming(), spec.vtaCosts());
    }

    /** The run's numerics; {@code prepare} computes them. */
    default RunNumerics numerics(PlacementSpec spec, Supplier<RunNumerics> prepare) {
        return prepare.get();
    }

    /** The run's cost table; {@code build} prices it. */
    default CostTable table(PlacementSpec spec, Supplier<CostTable> build) {
        return build.get();
    }
}
