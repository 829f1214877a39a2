package dev.hetplace.planner;

import dev.hetplace.planner.validate.ExecutionSettings;
import dev.hetplace.planner.validate.NoiseMode;
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
                            List<String> precisions, int batch, String gpuTiming, PlanRequest request,
                            String vtaCosts, ExecutionSettings execution, List<Path> measurements) {
    public PlacementSpec {
        measurements = List.copyOf(measurements);
        targets = List.copyOf(targets);
        overrides = Map.copyOf(overrides);
        precisions = List.copyOf(precisions);
        checkVtaCosts(vtaCosts);
    }

    /** Refuses a VTA cost source other than {@code analytical} or {@code simulated}. */
    public static void checkVtaCosts(String vtaCosts) {
        if (!vtaCosts.equals("analytical") && !vtaCosts.equals("simulated")) {
            throw new IllegalArgumentException("--vta-costs must be analytical or simulated, got '" + vtaCosts + "'");
        }
    }

    /** No measurement files. */
    public PlacementSpec(String model, String platform, List<String> targets, Map<String, String> overrides,
                         List<String> precisions, int batch, String gpuTiming, PlanRequest request,
                         String vtaCosts, ExecutionSettings execution) {
        this(model, platform, targets, overrides, precisions, batch, gpuTiming, request, vtaCosts, execution,
                List.of());
    }

    /** Analytical VTA costs. */
    public PlacementSpec(String model, String platform, List<String> targets, Map<String, String> overrides,
                         List<String> precisions, int batch, String gpuTiming, PlanRequest request) {
        this(model, platform, targets, overrides, precisions, batch, gpuTiming, request, "analytical");
    }

    /**
     * With the estimated noise and no validation ({@link ExecutionSettings#defaults()} with {@code --noise
     * estimate}): programmatic runs (sweeps, tests) execute nothing unless they pass execution settings; the CLI
     * defaults to {@code --noise auto}.
     */
    public PlacementSpec(String model, String platform, List<String> targets, Map<String, String> overrides,
                         List<String> precisions, int batch, String gpuTiming, PlanRequest request, String vtaCosts) {
        this(model, platform, targets, overrides, precisions, batch, gpuTiming, request, vtaCosts,
                ExecutionSettings.builder().noise(NoiseMode.ESTIMATE).build());
    }

    public PlacementSpec withExecution(ExecutionSettings e) {
        return new PlacementSpec(model, platform, targets, overrides, precisions, batch, gpuTiming, request, vtaCosts,
                e, measurements);
    }

    public static PlacementSpec of(String model, List<String> targets, PlanRequest request) {
        return new PlacementSpec(model, null, targets, Map.of(), List.of(), 1, "eager", request);
    }

    public PlacementSpec withOverrides(Map<String, String> o) {
        return new PlacementSpec(model, platform, targets, o, precisions, batch, gpuTiming, request, vtaCosts,
                execution, measurements);
    }

    public PlacementSpec withMeasurements(List<Path> files) {
        return new PlacementSpec(model, platform, targets, overrides, precisions, batch, gpuTiming, request, vtaCosts,
                execution, files);
    }
}
