package dev.hetplace.planner.exact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.testing.BruteForce;
import dev.hetplace.planner.testing.SyntheticTables;
import java.util.stream.LongStream;
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

    private static PlacementProblem problem(long seed) {
        return SyntheticTables.smallProblem(seed);
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

    @ParameterizedTest(name = "latency, seed {0}")
    @MethodSource("seeds")
    void latency(long seed) {
        assertCpSatOptimal(problem(seed), seed);
    }

    @ParameterizedTest(name = "throughput, seed {0}")
    @MethodSource("seeds")
    void throughput(long seed) {
        assertCpSatOptimal(problem(seed).withObjective(Objective.THROUGHPUT), seed);
    }

    @ParameterizedTest(name = "accuracy budget, seed {0}")
    @MethodSource("seeds")
    void noiseBudget(long seed) {
        assertCpSatOptimal(problem(seed).withNoiseBudget(SyntheticTables.bindingNoiseBudget(seed)), seed);
    }

    @ParameterizedTest(name = "memory capacity, seed {0}")
    @MethodSource("seeds")
    void memoryCapacity(long seed) {
        assertCpSatOptimal(problem(seed).withMemoryCapacity(SyntheticTables.BINDING_MEMORY), seed);
    }

    @ParameterizedTest(name = "DP in narrow order, seed {0}")
    @MethodSource("seeds")
    void dpInNarrowOrder(long seed) {
        PlacementProblem p = problem(seed).withNoiseBudget(SyntheticTables.bindingNoiseBudget(seed));
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
