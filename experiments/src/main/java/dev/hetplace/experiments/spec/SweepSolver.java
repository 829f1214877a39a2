package dev.hetplace.experiments.spec;

import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.solve.SolverKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The solvers a sweep names ({@link #id()}: the name in lower case, {@code -} for {@code _}): {@code place}'s four,
 * and Timefold alone from its own construction ({@code --solver timefold --no-dp-seed}) for
 * {@value PlanRequest#DEFAULT_TIMEFOLD_STEPS} or 5,000 local search steps.
 */
public enum SweepSolver {
    AUTO(SolverKind.AUTO, true, PlanRequest.DEFAULT_TIMEFOLD_STEPS),
    EXACT(SolverKind.EXACT, true, PlanRequest.DEFAULT_TIMEFOLD_STEPS),
    CPSAT(SolverKind.CPSAT, true, PlanRequest.DEFAULT_TIMEFOLD_STEPS),
    TIMEFOLD(SolverKind.TIMEFOLD, true, PlanRequest.DEFAULT_TIMEFOLD_STEPS),
    TIMEFOLD_NOSEED(SolverKind.TIMEFOLD, false, PlanRequest.DEFAULT_TIMEFOLD_STEPS),
    TIMEFOLD_NOSEED_5K(SolverKind.TIMEFOLD, false, 5_000);

    public static final List<String> IDS = Arrays.stream(values()).map(SweepSolver::id).toList();

    public final SolverKind kind;
    public final boolean dpSeed;
    public final int timefoldSteps;

    SweepSolver(SolverKind kind, boolean dpSeed, int timefoldSteps) {
        this.kind = kind;
        this.dpSeed = dpSeed;
        this.timefoldSteps = timefoldSteps;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<SweepSolver> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }
}
