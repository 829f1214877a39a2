package dev.hetplace.planner.timefold;

import static org.assertj.core.api.Assertions.assertThat;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import dev.hetplace.cost.CostTable;
import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.testing.SyntheticTables;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Timefold score of random plans equals the plan evaluator's figures, feasible or not. */
class TimefoldScoreMatchesEvaluatorTest {
    private static final PlanScorer SCORER = new PlanScorer();

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 12);
    }

    @ParameterizedTest(name = "random plans, seed {0}")
    @MethodSource("seeds")
    void scoreEqualsEvaluation(long seed) {
        CostTable t = SyntheticTables.table(SyntheticTables.randomGraph(seed, 6 + (int) (seed % 4)), seed,
                1 + (int) (seed % 2));
        PlacementProblem free = PlacementProblem.unconstrained(t, Objective.LATENCY);
        PlacementProblem constrained = free.toBuilder().noiseBudgetPpb(8_000 + seed * 1_000)
                .memoryCapacity(SyntheticTables.BINDING_MEMORY).build();
        SplittableRandom random = new SplittableRandom(seed);
        int feasible = 0;
        int infeasible = 0;
        for (int variant = 0; variant < 4; variant++) {
            Objective objective = Objective.values()[variant % 2];
            PlacementProblem p = (variant < 2 ? free : constrained).toBuilder().objective(objective).build();
            for (int trial = 0; trial < 20; trial++) {
                int[] plan = new int[p.groupCount()];
                for (int g = 0; g < plan.length; g++) {
                    plan[g] = p.allowed(g).get(random.nextInt(p.allowed(g).size()));
                }
                Evaluation e = PlanEvaluator.evaluate(p, plan);
                HardMediumSoftLongScore s = SCORER.score(p, plan);
                assertThat(s.hardScore() == 0).as("seed %d trial %d feasible: %s", seed, trial, e.violation())
                        .isEqualTo(e.feasible());
                assertThat(-s.softScore()).as("seed %d trial %d latency", seed, trial).isEqualTo(e.latencyNs());
                assertThat(-s.mediumScore()).as("seed %d trial %d bottleneck", seed, trial)
                        .isEqualTo(objective == Objective.THROUGHPUT ? e.bottleneckNs() : 0L);
                feasible += e.feasible() ? 1 : 0;
                infeasible += e.feasible() ? 0 : 1;
            }
        }
        assertThat(feasible).as("seed %d: some random plans feasible", seed).isPositive();
        assertThat(infeasible).as("seed %d: some random plans infeasible", seed).isPositive();
    }
}
