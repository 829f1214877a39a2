package dev.hetplace.planner.timefold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.exact.ExactResult;
import dev.hetplace.planner.exact.ExactSolver;
import dev.hetplace.planner.testing.BruteForce;
import dev.hetplace.planner.testing.BruteForceVariant;
import dev.hetplace.planner.testing.SyntheticTables;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Timefold against brute force on the seeded random DAGs of {@link ExactSolverBruteForceTest}: without the DP seed,
 * stopping on a step count, it finds the optimum for latency, under the accuracy budget and under memory capacity;
 * for throughput, whose max-of-devices landscape has deceptive basins (on seed 6 the only 4 better plans differ
 * from Timefold's plan in every group), it finds the optimum on all seeds but one and stays within 3% on that one.
 * With the DP seed it returns the DP's optimum.
 */
class TimefoldBruteForceTest {
    static final int STEPS = 400;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 12);
    }

    /** Throughput is checked apart: within 3%, not exact. */
    static Stream<Arguments> exactVariants() {
        return BruteForceVariant.cases(12, BruteForceVariant.LATENCY, BruteForceVariant.NOISE_BUDGET,
                BruteForceVariant.MEMORY_CAPACITY);
    }

    static LongStream fewSeeds() {
        return LongStream.rangeClosed(1, 4);
    }

    private static PlacementProblem problem(long seed) {
        return SyntheticTables.smallProblem(seed);
    }

    private static TimefoldSettings unseeded(long seed) {
        return TimefoldSettings.reproducible(seed, STEPS).withDpSeed(false);
    }

    private static void assertOptimal(PlacementProblem p, long seed) {
        long oracle = BruteForce.best(p);
        TimefoldResult r = TimefoldPlacementSolver.solve(p, unseeded(seed));
        Evaluation e = PlanEvaluator.evaluate(p, r.choice());
        if (oracle < 0) {
            assertThat(r.feasible()).as("seed %d: infeasible", seed).isFalse();
            assertThat(e.feasible()).as("seed %d: infeasible", seed).isFalse();
            return;
        }
        assertThat(e.feasible()).as("seed %d feasible: %s", seed, e.violation()).isTrue();
        assertThat(r.feasible()).as("seed %d score feasible", seed).isTrue();
        assertThat(e.objectiveNs(p.objective())).as("seed %d objective", seed).isEqualTo(oracle);
        assertThat(r.objectiveNs(p.objective())).as("seed %d score", seed).isEqualTo(oracle);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("exactVariants")
    void matchesBruteForce(BruteForceVariant variant, long seed) {
        assertOptimal(variant.problem(seed), seed);
    }

    @ParameterizedTest(name = "throughput, seed {0}")
    @MethodSource("seeds")
    void throughputIsWithinThreePercentOfBruteForce(long seed) {
        PlacementProblem p = BruteForceVariant.THROUGHPUT.problem(seed);
        long oracle = BruteForce.best(p);
        TimefoldResult r = TimefoldPlacementSolver.solve(p, unseeded(seed));
        Evaluation e = PlanEvaluator.evaluate(p, r.choice());
        assertThat(e.feasible()).as("seed %d feasible", seed).isTrue();
        assertThat(r.objectiveNs(Objective.THROUGHPUT)).as("seed %d score", seed).isEqualTo(e.bottleneckNs());
        assertThat((double) e.bottleneckNs()).as("seed %d bottleneck", seed).isBetween((double) oracle, oracle * 1.03);
    }

    @org.junit.jupiter.api.Test
    void throughputMatchesBruteForceOnNearlyEverySeed() {
        long exact = seeds().filter(seed -> {
            PlacementProblem p = BruteForceVariant.THROUGHPUT.problem(seed);
            TimefoldResult r = TimefoldPlacementSolver.solve(p, unseeded(seed));
            return PlanEvaluator.evaluate(p, r.choice()).bottleneckNs() == BruteForce.best(p);
        }).count();
        assertThat(exact).as("seeds 1-12 where Timefold alone finds the throughput optimum").isGreaterThanOrEqualTo(11);
    }

    @ParameterizedTest(name = "DP seed, throughput under budget and capacity, seed {0}")
    @MethodSource("seeds")
    void dpSeedReturnsTheDpOptimum(long seed) {
        for (Objective objective : Objective.values()) {
            PlacementProblem p = problem(seed).toBuilder().objective(objective)
                    .noiseBudgetPpb(SyntheticTables.bindingNoiseBudget(seed))
                    .memoryCapacity(SyntheticTables.BINDING_MEMORY).build();
            ExactResult dp = new ExactSolver().solve(p);
            TimefoldResult r = TimefoldPlacementSolver.solve(p, TimefoldSettings.reproducible(seed, 50));
            if (!dp.found()) {
                assertThat(r.dpSeeded()).isFalse();
                continue;
            }
            assertThat(r.dpSeeded()).isTrue();
            long optimum = PlanEvaluator.evaluate(p, dp.choice()).objectiveNs(objective);
            Evaluation e = PlanEvaluator.evaluate(p, r.choice());
            assertThat(e.feasible()).as("seed %d %s feasible", seed, objective).isTrue();
            assertThat(e.objectiveNs(objective)).as("seed %d %s objective", seed, objective).isEqualTo(optimum);
        }
    }

    @ParameterizedTest(name = "same seed, same plan, seed {0}")
    @MethodSource("fewSeeds")
    void sameSeedGivesSamePlan(long seed) {
        PlacementProblem p = BruteForceVariant.THROUGHPUT.problem(seed);
        TimefoldResult a = TimefoldPlacementSolver.solve(p, unseeded(seed));
        TimefoldResult b = TimefoldPlacementSolver.solve(p, unseeded(seed));
        assertThat(b.choice()).as("seed %d", seed).containsExactly(a.choice());
        assertThat(b.steps()).as("seed %d steps", seed).isEqualTo(a.steps());
        assertThat(b.moveEvaluations()).as("seed %d moves", seed).isEqualTo(a.moveEvaluations());
    }
}
