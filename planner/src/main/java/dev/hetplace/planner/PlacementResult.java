package dev.hetplace.planner;

import dev.hetplace.planner.validate.Validation;
import java.util.List;

/**
 * A solved request: the problem, the plan, its baselines, how the run went (timings, provenance) and, when asked
 * for, the plan's validation by execution ({@code validation}, null otherwise).
 */
public record PlacementResult(String modelName, PlacementSpec spec, PlacementProblem problem, PlanRequest request,
                              Plan plan, List<Baseline> baselines, Provenance provenance, GroupResolver resolver,
                              long tableNanos, long solveNanos, Validation validation) {
    public PlacementResult {
        baselines = List.copyOf(baselines);
    }

    /** Without validation. */
    public PlacementResult(String modelName, PlacementSpec spec, PlacementProblem problem, PlanRequest request,
                           Plan plan, List<Baseline> baselines, Provenance provenance, GroupResolver resolver,
                           long tableNanos, long solveNanos) {
        this(modelName, spec, problem, request, plan, baselines, provenance, resolver, tableNanos, solveNanos, null);
    }
}
