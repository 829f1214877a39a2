package dev.hetplace.planner.run;

import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.vta.VtaCostSource;
import dev.hetplace.planner.numerics.ExecutionSettings;
import dev.hetplace.planner.numerics.NoiseMode;
import dev.hetplace.planner.solve.PlanRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one placement run needs, as a user states it: model (zoo name or .onnx path), platform (built-in name,
 * profile path, or null to default from the targets), targets, profile overrides by dotted path
 * ({@code devices.vta.logBlockIn -> 5}), allowed precisions (empty = all), batch, GPU timing
 * ({@code eager|graph}), the request (objective, budget, pins, TVM compatibility, solver, seed) and where VTA
 * costs come from ({@code analytical} formulas or the {@code simulated} instruction stream), and how the model
 * executes for measured noise and validation ({@code execution}), and the user's measurement files
 * ({@code --measurements}: measurement tables and AutoTVM logs whose layers are priced MEASURED).
 */
public record PlacementSpec(String model, String platform, List<String> targets, Map<String, String> overrides,
                            List<String> precisions, int batch, GpuTiming gpuTiming, PlanRequest request,
                            VtaCostSource vtaCosts, ExecutionSettings execution, List<Path> measurements) {
    public PlacementSpec {
        measurements = List.copyOf(measurements);
        targets = List.copyOf(targets);
        overrides = Map.copyOf(overrides);
        precisions = List.copyOf(precisions);
    }

    /**
     * A builder for a run of {@code model} on {@code targets}: no platform (defaulted from the targets), overrides,
     * precision limits or measurement files, batch 1, eager GPU timing, analytical VTA costs, and the estimated noise
     * without validation ({@link ExecutionSettings} with {@code --noise estimate}): programmatic runs execute nothing
     * unless they say so; the CLI defaults to {@code --noise auto}.
     */
    public static Builder builder(String model, List<String> targets, PlanRequest request) {
        return new Builder(model, targets, request);
    }

    public static PlacementSpec of(String model, List<String> targets, PlanRequest request) {
        return builder(model, targets, request).build();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        return builder(model, targets, request).platform(platform).overrides(overrides).precisions(precisions)
                .batch(batch).gpuTiming(gpuTiming).vtaCosts(vtaCosts).execution(execution).measurements(measurements);
    }

    /** Collects a spec's values; {@link #build()} checks them and gives the immutable spec. */
    public static final class Builder {
        private final String model;
        private final List<String> targets;
        private final PlanRequest request;
        private String platform;
        private Map<String, String> overrides = Map.of();
        private List<String> precisions = List.of();
        private int batch = 1;
        private GpuTiming gpuTiming = GpuTiming.EAGER;
        private VtaCostSource vtaCosts = VtaCostSource.ANALYTICAL;
        private ExecutionSettings execution = ExecutionSettings.builder().noise(NoiseMode.ESTIMATE).build();
        private List<Path> measurements = List.of();

        private Builder(String model, List<String> targets, PlanRequest request) {
            this.model = model;
            this.targets = targets;
            this.request = request;
        }

        /** A built-in name or profile path; null: the default for the targets. */
        public Builder platform(String p) {
            platform = p;
            return this;
        }

        public Builder overrides(Map<String, String> o) {
            overrides = o;
            return this;
        }

        /** Allowed precisions by id; empty: all. */
        public Builder precisions(List<String> p) {
            precisions = p;
            return this;
        }

        public Builder batch(int b) {
            batch = b;
            return this;
        }

        public Builder gpuTiming(GpuTiming t) {
            gpuTiming = t;
            return this;
        }

        public Builder vtaCosts(VtaCostSource source) {
            vtaCosts = source;
            return this;
        }

        public Builder execution(ExecutionSettings e) {
            execution = e;
            return this;
        }

        public Builder measurements(List<Path> files) {
            measurements = files;
            return this;
        }

        public PlacementSpec build() {
            return new PlacementSpec(model, platform, targets, overrides, precisions, batch, gpuTiming, request,
                    vtaCosts, execution, measurements);
        }
    }
}
