package dev.hetplace.planner.timefold;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicType;
import ai.timefold.solver.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.SwapMoveSelectorConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import ai.timefold.solver.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import ai.timefold.solver.core.config.phase.PhaseConfig;
import ai.timefold.solver.core.config.phase.custom.CustomPhaseConfig;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import ai.timefold.solver.core.impl.localsearch.scope.LocalSearchStepScope;
import ai.timefold.solver.core.impl.phase.event.PhaseLifecycleListenerAdapter;
import ai.timefold.solver.core.impl.phase.scope.AbstractStepScope;
import ai.timefold.solver.core.impl.solver.DefaultSolver;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.exact.ExactResult;
import dev.hetplace.planner.exact.ExactSolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Places groups with Timefold: optionally the exact DP's plan as a seed, then a first-fit construction (groups in
 * topological order, each at its best choice given those before it), then late-acceptance local search over change,
 * swap and segment moves, then a short tabu search over the same moves, which leaves the strict local optima where
 * late acceptance accepts nothing (common on small graphs). A seeded run stops each local search phase on its step
 * limit, or, should it stall, on a cap of move evaluations; both are deterministic.
 */
public final class TimefoldPlacementSolver {
    /**
     * A reproducible run also stops after this many move evaluations per allowed step (beyond those of the
     * construction), in case local search reaches a plan where it accepts no move.
     */
    static final long MOVES_PER_STEP_CAP = 100;
    /**
     * Late acceptance compares with the score this many steps back. Timefold's default, 400, lets a run of a few
     * thousand steps wander over the flat plateaus of the x86-h200 problems (7 choices per group, many plans within
     * 1% of each other) and end up to 5% off the optimum; 20 keeps the walk close to the best plan (measured over
     * the zoo in the commit that set it: all 32 zoo x {pynq-z1, x86-h200} problems within 0.5% at 5,000 steps).
     * Used for the latency objective.
     */
    static final int LATE_ACCEPTANCE_SIZE = 20;
    /**
     * Under throughput the score is a busiest-device maximum whose plateaus need the longer memory: with 20, Timefold
     * alone found the brute-force optimum on 10 of the 12 seeded random DAGs of TimefoldBruteForceTest, with 400 on
     * 11 or more.
     */
    static final int THROUGHPUT_LATE_ACCEPTANCE_SIZE = 400;
    /** The closing tabu phase: at most this many tabu groups (and at most a third of them). */
    static final int TABU_SIZE = 7;
    /** Moves a tabu step evaluates before it takes the best. */
    static final int TABU_ACCEPTED_MOVES = 30;
    /** The tabu phase runs a tenth of the late acceptance steps, at least 20. */
    static final int TABU_MIN_STEPS = 20;
    static final int TABU_STEP_DIVISOR = 10;

    private TimefoldPlacementSolver() {
    }

    /** Solves, seeding with the exact DP's plan when {@code settings.seedWithDp()} and the DP finds one. */
    public static TimefoldResult solve(PlacementProblem problem, TimefoldSettings settings) {
        int[] seed = null;
        if (settings.seedWithDp()) {
            ExactResult exact = new ExactSolver().solve(problem);
            seed = exact.found() ? exact.choice() : null;
        }
        return solve(problem, settings, seed);
    }

    /** Solves from {@code seedPlan} (option index per group; null: no seed). */
    public static TimefoldResult solve(PlacementProblem problem, TimefoldSettings settings, int[] seedPlan) {
        long start = System.nanoTime();
        SolverFactory<PlacementSolution> factory = SolverFactory.create(config(problem, settings, seedPlan));
        DefaultSolver<PlacementSolution> solver = (DefaultSolver<PlacementSolution>) factory.buildSolver();
        StepCounter steps = new StepCounter();
        solver.addPhaseLifecycleListener(steps);
        PlacementSolution best = solver.solve(PlacementSolutionFactory.unassigned(problem));
        return new TimefoldResult(best.optionIndexes(), best.score(), steps.localSearchSteps,
                solver.getMoveEvaluationCount(), Duration.ofNanos(System.nanoTime() - start), seedPlan != null);
    }

    static SolverConfig config(PlacementProblem problem, TimefoldSettings settings, int[] seedPlan) {
        EnvironmentMode mode = settings.fullAssert() ? EnvironmentMode.FULL_ASSERT : EnvironmentMode.NO_ASSERT;
        SolverConfig config = baseConfig(mode);
        List<PhaseConfig> phases = new ArrayList<>();
        if (seedPlan != null) {
            phases.add(new CustomPhaseConfig().withCustomPhaseCommands(new DpSeedPhase(seedPlan)));
        }
        phases.add(new ConstructionHeuristicPhaseConfig()
                .withConstructionHeuristicType(ConstructionHeuristicType.FIRST_FIT));
        if (hasChoices(problem)) {
            long constructionMoves = 0;
            for (int g = 0; g < problem.groupCount(); g++) {
                constructionMoves += problem.allowed(g).size();
            }
            int laSteps = Math.max(settings.stepLimit(), settings.unimprovedStepLimit());
            long laMoveCap = constructionMoves + laSteps * MOVES_PER_STEP_CAP;
            int tabuSteps = tabuSteps(laSteps);
            phases.add(new LocalSearchPhaseConfig()
                    .withMoveSelectorConfig(moves())
                    .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(
                            problem.objective() == Objective.THROUGHPUT
                                    ? THROUGHPUT_LATE_ACCEPTANCE_SIZE : LATE_ACCEPTANCE_SIZE))
                    .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1))
                    .withTerminationConfig(localSearchTermination(settings.stepLimit(), settings.unimprovedStepLimit(),
                            settings.randomSeed().isPresent() ? laMoveCap : 0)));
            phases.add(new LocalSearchPhaseConfig()
                    .withMoveSelectorConfig(moves())
                    .withAcceptorConfig(new LocalSearchAcceptorConfig().withEntityTabuSize(
                            Math.max(1, Math.min(TABU_SIZE, problem.groupCount() / 3))))
                    .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(TABU_ACCEPTED_MOVES))
                    .withTerminationConfig(localSearchTermination(tabuSteps, 0,
                            settings.randomSeed().isPresent()
                                    ? laMoveCap + tabuSteps * (long) TABU_ACCEPTED_MOVES * MOVES_PER_STEP_CAP : 0)));
        }
        config.setPhaseConfigList(phases);
        TerminationConfig termination = new TerminationConfig();
        if (settings.randomSeed().isPresent()) {
            config.setRandomSeed(settings.randomSeed().getAsLong());
        } else {
            termination.setSpentLimit(settings.timeLimit());
        }
        config.setTerminationConfig(termination);
        return config;
    }

    static SolverConfig baseConfig(EnvironmentMode mode) {
        return new SolverConfig()
                .withSolutionClass(PlacementSolution.class)
                .withEntityClasses(GroupAssignment.class)
                .withConstraintProviderClass(PlacementConstraintProvider.class)
                .withEnvironmentMode(mode);
    }

    private static UnionMoveSelectorConfig moves() {
        return new UnionMoveSelectorConfig().withMoveSelectors(
                new ChangeMoveSelectorConfig().withFixedProbabilityWeight(1.0),
                new SwapMoveSelectorConfig().withFixedProbabilityWeight(0.2),
                new MoveIteratorFactoryConfig()
                        .withMoveIteratorFactoryClass(SegmentMoveIteratorFactory.class)
                        .withFixedProbabilityWeight(0.5));
    }

    private static int tabuSteps(int lateAcceptanceSteps) {
        return lateAcceptanceSteps == 0 ? 0 : Math.max(TABU_MIN_STEPS, lateAcceptanceSteps / TABU_STEP_DIVISOR);
    }

    private static TerminationConfig localSearchTermination(int steps, int unimprovedSteps, long moveCap) {
        TerminationConfig t = new TerminationConfig();
        if (moveCap > 0) {
            t.setMoveCountLimit(moveCap);
        }
        if (steps > 0) {
            t.setStepCountLimit(steps);
        }
        if (unimprovedSteps > 0) {
            t.setUnimprovedStepCountLimit(unimprovedSteps);
        }
        return t;
    }

    private static boolean hasChoices(PlacementProblem problem) {
        for (int g = 0; g < problem.groupCount(); g++) {
            if (problem.allowed(g).size() > 1) {
                return true;
            }
        }
        return false;
    }

    /** Counts local search steps (Timefold exposes no public step counter). */
    private static final class StepCounter extends PhaseLifecycleListenerAdapter<PlacementSolution> {
        private long localSearchSteps;

        @Override
        public void stepEnded(AbstractStepScope<PlacementSolution> stepScope) {
            if (stepScope instanceof LocalSearchStepScope) {
                localSearchSteps++;
            }
        }
    }
}
