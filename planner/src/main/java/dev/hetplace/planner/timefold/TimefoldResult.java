package dev.hetplace.planner.timefold;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import dev.hetplace.planner.domain.Objective;
import java.time.Duration;

/**
 * Timefold's best plan: option index per group (as in the cost table), its score, the local search steps taken,
 * the moves evaluated, the wall time, and whether it started from the DP's plan.
 */
public record TimefoldResult(int[] choice, HardMediumSoftLongScore score, long steps, long moveEvaluations,
                             Duration time, boolean dpSeeded) {
    public boolean feasible() {
        return score.hardScore() == 0;
    }

    /** The objective in ns as the score holds it: minus the medium level for throughput, minus soft for latency. */
    public long objectiveNs(Objective objective) {
        return objective == Objective.THROUGHPUT ? -score.mediumScore() : -score.softScore();
    }
}
