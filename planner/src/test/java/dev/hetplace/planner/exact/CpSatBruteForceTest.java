package dev.hetplace.planner.exact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.testing.BruteForce;
import dev.hetplace.planner.testing.BruteForceVariant;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CP-SAT's model and the DP in its narrow order against enumeration on the same seeded random graphs as
 * {@link ExactSolverBruteForceTest} (seeds 1-25): both must reach the brute-force optimum to the nanosecond.
 */
class CpSatBruteForceTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 25);
    }

    static Stream<Arguments> variants() {
        return BruteForceVariant.cases(25, BruteForceVariant.values());
    }

    private static void assertCpSatOptimal(PlacementProblem p, long seed) {
        long oracle = BruteForce.best(p);
        // odd seeds start from nothing, even seeds from the DP's plan
        int[] hint = seed % 2 == 0 ? new ExactSolver().solve(p).choice() : null;
        CpSatResult r = new CpSatSolver(30, 2, 0).solve(p, hint);
        if (oracle < 0) {
            assertThat(r.found()).as("seed %d: infeasible", seed).isFalse();
            assertThat(r.status()).as("seed %d status", seed).isEqualTo("INFEASIBLE");
            return;
        }
        assertThat(r.optimal()).as("seed %d optimal (%s)", seed, r.status()).isTrue();
        Evaluation e = PlanEvaluator.evaluate(p, r.choice());
        assertThat(e.feasible()).as("seed %d feasible", seed).isTrue();
        assertThat(e.objectiveNs(p.objective())).as("seed %d objective", seed).isEqualTo(oracle);
        assertThat(r.lowerBoundNs()).as("seed %d bound", seed).isEqualTo(oracle);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("variants")
    void matchesBruteForce(BruteForceVariant variant, long seed) {
        assertCpSatOptimal(variant.problem(seed), seed);
    }

    @ParameterizedTest(name = "DP in narrow order, seed {0}")
    @MethodSource("seeds")
    void dpInNarrowOrder(long seed) {
        PlacementProblem p = BruteForceVariant.NOISE_BUDGET.problem(seed);
        long oracle = BruteForce.best(p);
        ExactResult r = new ExactSolver().solveInOrder(p, ExactSolver.narrowOrder(p.table()));
        if (oracle < 0) {
            assertThat(r.found()).as("seed %d: infeasible", seed).isFalse();
            return;
        }
        assertThat(r.optimal()).as("seed %d optimal", seed).isTrue();
        assertThat(PlanEvaluator.evaluate(p, r.choice()).objectiveNs(p.objective())).as("seed %d", seed).isEqualTo(oracle);
    }
}
