package dev.hetplace.planner.domain;

import dev.hetplace.hw.Choice;
import java.util.List;

/**
 * A choice per group with its predicted figures, the lower bound on the optimum and the method behind it, and
 * which solver found it, and what proves it optimal ({@link Proof#NONE}: nothing).
 */
public record Plan(int[] choice, List<Choice> choices, Evaluation evaluation, long objectiveNs, long lowerBoundNs,
                   String boundMethod, Proof proof, String solver, long seed, long solveNanos) {
    public Plan {
        choice = choice.clone();
        choices = List.copyOf(choices);
    }

    /** Proven optimal, by the exact DP or by meeting the bound. */
    public boolean optimal() {
        return proof != Proof.NONE;
    }

    /** (objective - bound) / bound; 0 when proven optimal. */
    public double gap() {
        return lowerBoundNs <= 0 ? 0 : (objectiveNs - lowerBoundNs) / (double) lowerBoundNs;
    }
}
