package dev.hetplace.planner.exact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.testing.BruteForce;
import dev.hetplace.planner.testing.BruteForceVariant;
import dev.hetplace.planner.testing.SyntheticTables;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExactSolverBruteForceTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 25);
    }

    static Stream<Arguments> variants() {
        return BruteForceVariant.cases(25, BruteForceVariant.values());
    }

    private static PlacementProblem problem(long seed) {
        return SyntheticTables.smallProblem(seed);
    }

    private static void assertOptimal(PlacementProblem p, long seed) {
        long oracle = BruteForce.best(p);
        ExactResult r = new ExactSolver().solve(p);
        if (oracle < 0) {
            assertThat(r.found()).as("seed %d: infeasible", seed).isFalse();
            return;
        }
        assertThat(r.optimal()).as("seed %d optimal", seed).isTrue();
        Evaluation e = PlanEvaluator.evaluate(p, r.choice());
        assertThat(e.feasible()).as("seed %d feasible", seed).isTrue();
        assertThat(e.objectiveNs(p.objective())).as("seed %d objective", seed).isEqualTo(oracle);
        assertThat(r.lowerBoundNs()).as("seed %d bound", seed).isEqualTo(oracle);
    }

    @org.junit.jupiter.api.Test
    void constraintsBindOnSomeSeeds() {
        int budgetBinds = 0;
        int memoryBinds = 0;
        for (long seed : seeds().toArray()) {
            PlacementProblem p = problem(seed);
            long free = BruteForce.best(p);
            long budget = SyntheticTables.bindingNoiseBudget(seed);
            if (BruteForce.best(p.toBuilder().noiseBudgetPpb(budget).build()) != free) {
                budgetBinds++;
            }
            if (BruteForce.best(p.toBuilder().memoryCapacity(SyntheticTables.BINDING_MEMORY).build()) != free) {
                memoryBinds++;
            }
        }
        assertThat(budgetBinds).as("seeds where the noise budget changes the optimum").isGreaterThanOrEqualTo(5);
        assertThat(memoryBinds).as("seeds where memory capacity changes the optimum").isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("variants")
    void matchesBruteForce(BruteForceVariant variant, long seed) {
        assertOptimal(variant.problem(seed), seed);
    }
}
