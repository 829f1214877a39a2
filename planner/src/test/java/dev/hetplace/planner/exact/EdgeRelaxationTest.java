package dev.hetplace.planner.exact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.testing.BruteForce;
import dev.hetplace.planner.testing.SyntheticTables;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DP over a subset of the edges against enumeration on the seeded random graphs of
 * {@link ExactSolverBruteForceTest} (seeds 1-25; latency, throughput, under the accuracy budget and under memory
 * capacity): over any subset (its first consumers, a seeded random subset) its optimum is at most the brute-force
 * optimum, and the constraint-generation search ends with a plan whose true objective meets its bound and equals
 * the brute-force optimum to the nanosecond.
 */
class EdgeRelaxationTest {

    static Stream<Arguments> cases() {
        return java.util.stream.LongStream.rangeClosed(1, 25).boxed()
                .flatMap(seed -> Stream.of("latency", "throughput", "budget", "capacity").map(v -> Arguments.of(seed, v)));
    }

    private static PlacementProblem problem(long seed, String variant) {
        PlacementProblem p = SyntheticTables.smallProblem(seed);
        return switch (variant) {
            case "throughput" -> p.toBuilder().objective(Objective.THROUGHPUT).build();
            case "budget" -> p.toBuilder().noiseBudgetPpb(SyntheticTables.bindingNoiseBudget(seed)).build();
            case "capacity" -> p.toBuilder().memoryCapacity(SyntheticTables.BINDING_MEMORY).build();
            default -> p;
        };
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("cases")
    void relaxedOptimaBoundAndTheSearchProves(long seed, String variant) {
        PlacementProblem p = problem(seed, variant);
        long oracle = BruteForce.best(p);
        ExactSolver dp = new ExactSolver();
        ExactResult first = dp.runRelaxed(p, Long.MAX_VALUE, Edges.firstConsumers(p.table()));
        ExactResult random = dp.runRelaxed(p, Long.MAX_VALUE, randomSubset(p, seed));
        EdgeRelaxation.Outcome search = new EdgeRelaxation(dp).search(p, Long.MAX_VALUE);
        if (oracle < 0) {
            assertThat(search.proven()).as("seed %d %s: infeasible proven", seed, variant).isTrue();
            assertThat(search.choice()).as("seed %d %s: no plan", seed, variant).isNull();
            return;
        }
        assertThat(first.lowerBoundNs()).as("seed %d %s first consumers", seed, variant).isLessThanOrEqualTo(oracle);
        assertThat(random.lowerBoundNs()).as("seed %d %s random subset", seed, variant).isLessThanOrEqualTo(oracle);
        assertThat(search.boundNs()).as("seed %d %s bound", seed, variant).isLessThanOrEqualTo(oracle);
        assertThat(search.proven()).as("seed %d %s proven (%s)", seed, variant, search.describe()).isTrue();
        assertThat(PlanEvaluator.evaluate(p, search.choice()).objectiveNs(p.objective()))
                .as("seed %d %s objective", seed, variant).isEqualTo(oracle);
        assertThat(search.boundNs()).as("seed %d %s bound met", seed, variant).isEqualTo(oracle);
    }

    @org.junit.jupiter.api.Test
    void someSeedsNeedEdgesPricedAgain() {
        long again = java.util.stream.LongStream.rangeClosed(1, 25)
                .filter(seed -> new EdgeRelaxation(new ExactSolver()).search(problem(seed, "latency"), Long.MAX_VALUE)
                        .rounds() > 1)
                .count();
        assertThat(again).as("seeds whose first relaxed optimum pays less than its true cost").isGreaterThanOrEqualTo(5);
    }

    /** Each edge kept with probability one half (seeded by the graph's seed). */
    private static Edges randomSubset(PlacementProblem p, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 7919);
        java.util.List<int[]> kept = new java.util.ArrayList<>();
        for (var ti : p.table().tensors()) {
            for (int c : ti.consumers()) {
                if (r.nextBoolean()) {
                    kept.add(new int[] {ti.id(), c});
                }
            }
        }
        return Edges.none(p.table()).with(p.table(), kept);
    }
}
