package dev.hetplace.planner.timefold;

import dev.hetplace.planner.domain.Objective;

/** What the plan optimizes and the accuracy budget as total noise in ppb ({@link Long#MAX_VALUE} = none). */
public record PlacementGoal(Objective objective, long noiseBudgetPpb) {
    public boolean throughput() {
        return objective == Objective.THROUGHPUT;
    }
}
