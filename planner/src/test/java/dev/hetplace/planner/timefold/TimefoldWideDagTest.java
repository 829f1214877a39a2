package dev.hetplace.planner.timefold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.cost.CostTable;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.source.WideDagGenerator;
import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.exact.RelaxedBound;
import dev.hetplace.planner.testing.SyntheticTables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timefold on a 500-group wide DAG (too wide for the exact DP): it finishes with a feasible plan above the bound. */
class TimefoldWideDagTest {

    @ParameterizedTest(name = "wide-dag 500 groups, width 8, skips up to 50, seed {0}")
    @ValueSource(longs = {1})
    void finishesAboveTheRelaxedBound(long seed) {
        CostTable t = SyntheticTables.table(Grouping.apply(WideDagGenerator.generate(500, 8, 50, seed)), seed, 1);
        PlacementProblem p = PlacementProblem.unconstrained(t, Objective.LATENCY);
        TimefoldResult r = TimefoldPlacementSolver.solve(p, TimefoldSettings.reproducible(seed, 300).withDpSeed(false));
        Evaluation e = PlanEvaluator.evaluate(p, r.choice());
        assertThat(e.feasible()).isTrue();
        assertThat(r.objectiveNs(Objective.LATENCY)).isEqualTo(e.latencyNs());
        assertThat(e.latencyNs()).isGreaterThanOrEqualTo(RelaxedBound.of(p));
        assertThat(r.steps()).isPositive();
    }
}
