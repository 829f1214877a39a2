package dev.hetplace.planner.solve;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.Pin;
import java.util.List;

/**
 * What the user asks of the planner beyond the cost table: objective, accuracy budget ({@code minSqnrDb}, null for
 * none), pins, TVM compatibility, whether device memory capacity is enforced, the solver and its seed.
 */
public record PlanRequest(Objective objective, Double minSqnrDb, List<Pin> pins, boolean tvmCompatible,
                          boolean enforceMemory, SolverKind solver, long seed, boolean dpSeed, int timefoldSteps) {
    /** Local search steps Timefold takes when the request does not say. */
    public static final int DEFAULT_TIMEFOLD_STEPS = 1000;

    /** The highest accuracy budget accepted: beyond fp32's own rounding noise (about 140 dB) nothing is feasible. */
    public static final double MAX_SQNR_DB = 300;

    public PlanRequest {
        String budgetProblem = budgetProblem(minSqnrDb);
        if (budgetProblem != null) {
            throw new IllegalArgumentException("--min-sqnr " + budgetProblem);
        }
        pins = List.copyOf(pins);
        if (timefoldSteps < 1) {
            throw new IllegalArgumentException("--timefold-steps must be at least 1, got " + timefoldSteps);
        }
    }

    public PlanRequest(Objective objective, Double minSqnrDb, List<Pin> pins, boolean tvmCompatible,
                       boolean enforceMemory, SolverKind solver, long seed) {
        this(objective, minSqnrDb, pins, tvmCompatible, enforceMemory, solver, seed, true, DEFAULT_TIMEFOLD_STEPS);
    }

    /**
     * What is wrong with an accuracy budget (null when nothing is): it must be finite, above 0 dB (at 0 dB the
     * noise is as loud as the signal) and at most {@value #MAX_SQNR_DB} dB.
     */
    public static String budgetProblem(Double db) {
        if (db == null) {
            return null;
        }
        if (db.isNaN() || db.isInfinite()) {
            return "must be a finite number of dB";
        }
        if (db <= 0 || db > MAX_SQNR_DB) {
            return "must be above 0 and at most " + (int) MAX_SQNR_DB + " dB (0 dB: noise as loud as the signal), got "
                    + db;
        }
        return null;
    }

    /** Timefold without the DP solution as its starting point (for measuring Timefold alone). */
    public PlanRequest withDpSeed(boolean on) {
        return new PlanRequest(objective, minSqnrDb, pins, tvmCompatible, enforceMemory, solver, seed, on, timefoldSteps);
    }

    public static PlanRequest latency() {
        return new PlanRequest(Objective.LATENCY, null, List.of(), false, true, SolverKind.AUTO, 0);
    }

    public PlanRequest withTvmCompatible(boolean on) {
        return new PlanRequest(objective, minSqnrDb, pins, on, enforceMemory, solver, seed, dpSeed, timefoldSteps);
    }

    public PlanRequest withMinSqnr(Double db) {
        return new PlanRequest(objective, db, pins, tvmCompatible, enforceMemory, solver, seed, dpSeed, timefoldSteps);
    }

    public PlanRequest withPins(List<Pin> p) {
        return new PlanRequest(objective, minSqnrDb, p, tvmCompatible, enforceMemory, solver, seed, dpSeed, timefoldSteps);
    }

    public PlanRequest withObjective(Objective o) {
        return new PlanRequest(o, minSqnrDb, pins, tvmCompatible, enforceMemory, solver, seed, dpSeed, timefoldSteps);
    }

    public PlanRequest withSolver(SolverKind s, long sd) {
        return new PlanRequest(objective, minSqnrDb, pins, tvmCompatible, enforceMemory, s, sd, dpSeed, timefoldSteps);
    }
}
