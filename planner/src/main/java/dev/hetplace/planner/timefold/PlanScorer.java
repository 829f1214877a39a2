package dev.hetplace.planner.timefold;

import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import dev.hetplace.planner.domain.PlacementProblem;

/** Scores complete plans with the Timefold constraints, outside a solver run; build once, use for many plans. */
public final class PlanScorer {
    private final SolutionManager<PlacementSolution, HardMediumSoftLongScore> manager;

    public PlanScorer() {
        manager = SolutionManager.create(SolverFactory.create(
                TimefoldPlacementSolver.baseConfig(EnvironmentMode.NO_ASSERT)));
    }

    /** The score of {@code plan} (cost-table option index per group). */
    public HardMediumSoftLongScore score(PlacementProblem problem, int[] plan) {
        return manager.update(solution(problem, plan));
    }

    /** Each constraint's total and matches, with the justification records of {@code solver.justifications}. */
    public ScoreAnalysis<HardMediumSoftLongScore> analyze(PlacementProblem problem, int[] plan) {
        return manager.analyze(solution(problem, plan));
    }

    private static PlacementSolution solution(PlacementProblem problem, int[] plan) {
        PlacementSolution s = PlacementSolutionFactory.unassigned(problem);
        PlacementSolutionFactory.assign(s, plan);
        return s;
    }
}
