package dev.hetplace.planner.domain;

import dev.hetplace.planner.Objective;

/** What the plan optimizes and the accuracy budget as total noise in ppb ({@link Long#MAX_VALUE} = none). */
public record PlacementGoal(Objective objective, long noiseBudgetPpb) {
    public boolean throughput() {
        return objective == Objective.THROUGHPUT;
    }
}
