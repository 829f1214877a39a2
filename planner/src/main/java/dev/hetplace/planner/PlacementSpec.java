package dev.hetplace.planner;

import java.util.List;
import java.util.Map;

/**
 * Everything one placement run needs, as a user states it: model (zoo name or .onnx path), platform (built-in name,
 * profile path, or null to default from the targets), targets, profile overrides by dotted path
 * ({@code devices.vta.logBlockIn -> 5}), allowed precisions (empty = all), batch, GPU timing
 * ({@code eager|graph}), the request (objective, budget, pins, TVM compatibility, solver, seed) and where VTA
 * costs come from ({@code analytical} formulas or the {@code simulated} instruction stream).
 */
public record PlacementSpec(String model, String platform, List<String> targets, Map<String, String> overrides,
                            List<String> precisions, int batch, String gpuTiming, PlanRequest request,
                            String vtaCosts) {
    public PlacementSpec {
        targets = List.copyOf(targets);
        overrides = Map.copyOf(overrides);
        precisions = List.copyOf(precisions);
        if (!vtaCosts.equals("analytical") && !vtaCosts.equals("simulated")) {
            throw new IllegalArgumentException("--vta-costs must be analytical or simulated, got '" + vtaCosts + "'");
        }
    }

    /** Analytical VTA costs. */
    public PlacementSpec(String model, String platform, List<String> targets, Map<String, String> overrides,
                         List<String> precisions, int batch, String gpuTiming, PlanRequest request) {
        this(model, platform, targets, overrides, precisions, batch, gpuTiming, request, "analytical");
    }

    public PlacementSpec withVtaCosts(String source) {
        return new PlacementSpec(model, platform, targets, overrides, precisions, batch, gpuTiming, request, source);
    }

    public static PlacementSpec of(String model, List<String> targets, PlanRequest request) {
        return new PlacementSpec(model, null, targets, Map.of(), List.of(), 1, "eager", request);
    }

    public PlacementSpec withOverrides(Map<String, String> o) {
        return new PlacementSpec(model, platform, targets, o, precisions, batch, gpuTiming, request, vtaCosts);
    }

    public PlacementSpec withRequest(PlanRequest r) {
        return new PlacementSpec(model, platform, targets, overrides, precisions, batch, gpuTiming, r, vtaCosts);
    }

    public PlacementSpec withPlatform(String p) {
        return new PlacementSpec(model, p, targets, overrides, precisions, batch, gpuTiming, request, vtaCosts);
    }
}
