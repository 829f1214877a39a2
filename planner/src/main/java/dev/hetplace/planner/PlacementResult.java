package dev.hetplace.planner;

import java.util.List;

/** A solved request: the problem, the plan, its baselines, and how the run went (timings, provenance). */
public record PlacementResult(String modelName, PlacementSpec spec, PlacementProblem problem, PlanRequest request, Plan plan,
                              List<Baseline> baselines, Provenance provenance, GroupResolver resolver, long tableNanos,
                              long solveNanos) {
    public PlacementResult {
        baselines = List.copyOf(baselines);
    }
}
