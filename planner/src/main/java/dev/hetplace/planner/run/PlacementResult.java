package dev.hetplace.planner.run;

import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.planner.baseline.Baseline;
import dev.hetplace.planner.domain.GroupResolver;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.Plan;
import dev.hetplace.planner.provenance.Provenance;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.validate.Validation;
import java.util.List;

/**
 * A solved request: the problem, the plan, its baselines, how the run went (timings, provenance), when asked for,
 * the plan's validation by execution ({@code validation}, null otherwise), and the calibrated model the run
 * executed for measured noise or validation ({@code executed}, null when nothing executed), which an export
 * reuses instead of drawing and calibrating the weights again.
 */
public record PlacementResult(String modelName, PlacementSpec spec, PlacementProblem problem, PlanRequest request,
                              Plan plan, List<Baseline> baselines, Provenance provenance, GroupResolver resolver,
                              long tableNanos, long solveNanos, Validation validation, CalibratedModel executed) {
    public PlacementResult {
        baselines = List.copyOf(baselines);
    }
}
