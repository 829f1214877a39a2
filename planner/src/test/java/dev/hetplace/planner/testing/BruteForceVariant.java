package dev.hetplace.planner.testing;

import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import java.util.Arrays;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The problems every solver is checked on against brute force: the seeded small problem and three variants of it. */
public enum BruteForceVariant {
    LATENCY("latency"),
    THROUGHPUT("throughput"),
    NOISE_BUDGET("accuracy budget"),
    MEMORY_CAPACITY("memory capacity");

    private final String label;

    BruteForceVariant(String label) {
        this.label = label;
    }

    /** The variant of {@link SyntheticTables#smallProblem} for a seed; budget and capacity bind on some seeds. */
    public PlacementProblem problem(long seed) {
        PlacementProblem p = SyntheticTables.smallProblem(seed);
        return switch (this) {
            case LATENCY -> p;
            case THROUGHPUT -> p.toBuilder().objective(Objective.THROUGHPUT).build();
            case NOISE_BUDGET -> p.toBuilder().noiseBudgetPpb(SyntheticTables.bindingNoiseBudget(seed)).build();
            // conv weights are 16*16*9 (+16) params; a capacity of a few int8 convs forces spills to other devices
            case MEMORY_CAPACITY -> p.toBuilder().memoryCapacity(SyntheticTables.BINDING_MEMORY).build();
        };
    }

    /** (variant, seed) for seeds 1 to {@code lastSeed}, as a parameterized test's source. */
    public static Stream<Arguments> cases(long lastSeed, BruteForceVariant... variants) {
        return Arrays.stream(variants).flatMap(v -> LongStream.rangeClosed(1, lastSeed).mapToObj(s -> Arguments.of(v, s)));
    }

    @Override
    public String toString() {
        return label;
    }
}
