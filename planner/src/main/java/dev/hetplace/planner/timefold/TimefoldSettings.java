package dev.hetplace.planner.timefold;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * How to run Timefold. With a {@code randomSeed} the run is reproducible: same inputs, same plan; local search then
 * stops after {@code stepLimit} steps or {@code unimprovedStepLimit} steps without a better plan (0 = no such
 * limit), never on wall time, and {@code timeLimit} must be null. Without a seed, {@code timeLimit} bounds the
 * run (step limits, when set, may stop it sooner). {@code seedWithDp}: start from the exact DP's plan when it finds
 * one. {@code fullAssert}: Timefold's FULL_ASSERT environment (slow; for tests).
 */
public record TimefoldSettings(OptionalLong randomSeed, boolean seedWithDp, int stepLimit, int unimprovedStepLimit,
                               Duration timeLimit, boolean fullAssert) {
    public TimefoldSettings {
        if (stepLimit < 0 || unimprovedStepLimit < 0) {
            throw new IllegalArgumentException("Timefold step limits must not be negative");
        }
        if (randomSeed.isPresent()) {
            if (timeLimit != null) {
                throw new IllegalArgumentException("a seeded (reproducible) Timefold run stops on steps, not on time");
            }
            if (stepLimit == 0 && unimprovedStepLimit == 0) {
                throw new IllegalArgumentException("a seeded Timefold run needs a step limit");
            }
        } else if (timeLimit == null) {
            throw new IllegalArgumentException("a Timefold run without a seed needs a time limit");
        }
    }

    /** Reproducible: seeded, DP seed on, stopping after {@code steps} local search steps. */
    public static TimefoldSettings reproducible(long seed, int steps) {
        return new TimefoldSettings(OptionalLong.of(seed), true, steps, 0, null, false);
    }

    /** Not reproducible: stops after {@code limit} of wall time, DP seed on. */
    public static TimefoldSettings timed(Duration limit) {
        return new TimefoldSettings(OptionalLong.empty(), true, 0, 0, limit, false);
    }

    public TimefoldSettings withDpSeed(boolean on) {
        return new TimefoldSettings(randomSeed, on, stepLimit, unimprovedStepLimit, timeLimit, fullAssert);
    }

    public TimefoldSettings withFullAssert(boolean on) {
        return new TimefoldSettings(randomSeed, seedWithDp, stepLimit, unimprovedStepLimit, timeLimit, on);
    }
}
