package dev.hetplace.experiments.spec;

import dev.hetplace.planner.PlanRequest;
import dev.hetplace.planner.SolverKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The solvers a sweep names: {@code place}'s three, and Timefold alone from its own construction
 * ({@code --solver timefold --no-dp-seed}) for {@value PlanRequest#DEFAULT_TIMEFOLD_STEPS} or 5,000 steps.
 */
public enum SweepSolver {
    AUTO("auto", SolverKind.AUTO, true, PlanRequest.DEFAULT_TIMEFOLD_STEPS),
    EXACT("exact", SolverKind.EXACT, true, PlanRequest.DEFAULT_TIMEFOLD_STEPS),
    TIMEFOLD("timefold", SolverKind.TIMEFOLD, true, PlanRequest.DEFAULT_TIMEFOLD_STEPS),
    TIMEFOLD_NOSEED("timefold-noseed", SolverKind.TIMEFOLD, false, PlanRequest.DEFAULT_TIMEFOLD_STEPS),
    TIMEFOLD_NOSEED_5K("timefold-noseed-5k", SolverKind.TIMEFOLD, false, 5_000);

    public static final List<String> IDS = Arrays.stream(values()).map(SweepSolver::id).toList();

    private final String id;
    private final SolverKind kind;
    private final boolean dpSeed;
    private final int timefoldSteps;

    SweepSolver(String id, SolverKind kind, boolean dpSeed, int timefoldSteps) {
        this.id = id;
        this.kind = kind;
        this.dpSeed = dpSeed;
        this.timefoldSteps = timefoldSteps;
    }

    public String id() {
        return id;
    }

    public SolverKind kind() {
        return kind;
    }

    public boolean dpSeed() {
        return dpSeed;
    }

    public int timefoldSteps() {
        return timefoldSteps;
    }

    public static Optional<SweepSolver> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
