package dev.hetplace.planner;

import java.util.List;

/**
 * What the user asks of the planner beyond the cost table: objective, accuracy budget ({@code minSqnrDb}, null for
 * none), pins, TVM compatibility, whether device memory capacity is enforced, the solver and its seed.
 */
public record PlanRequest(Objective objective, Double minSqnrDb, List<Pin> pins, boolean tvmCompatible,
                          boolean enforceMemory, SolverKind solver, long seed) {
    public PlanRequest {
        pins = List.copyOf(pins);
    }

    public static PlanRequest latency() {
        return new PlanRequest(Objective.LATENCY, null, List.of(), false, true, SolverKind.AUTO, 0);
    }

    public PlanRequest withTvmCompatible(boolean on) {
        return new PlanRequest(objective, minSqnrDb, pins, on, enforceMemory, solver, seed);
    }

    public PlanRequest withMinSqnr(Double db) {
        return new PlanRequest(objective, db, pins, tvmCompatible, enforceMemory, solver, seed);
    }

    public PlanRequest withPins(List<Pin> p) {
        return new PlanRequest(objective, minSqnrDb, p, tvmCompatible, enforceMemory, solver, seed);
    }

    public PlanRequest withObjective(Objective o) {
        return new PlanRequest(o, minSqnrDb, pins, tvmCompatible, enforceMemory, solver, seed);
    }

    public PlanRequest withSolver(SolverKind s, long sd) {
        return new PlanRequest(objective, minSqnrDb, pins, tvmCompatible, enforceMemory, s, sd);
    }
}
