package dev.hetplace.planner.exact;

/**
 * What the dynamic program found: an assignment (option index per group; {@code null} when no feasible plan
 * exists), whether the DP proved it optimal, a lower bound on the optimum's objective and the method behind it, the
 * search that produced it (exact DP, DP beam, DP over a relaxation) and the largest number of states and labels it
 * held at once.
 */
public record ExactResult(int[] choice, boolean optimal, long lowerBoundNs, String boundMethod, String search,
                          int peakStates, int peakLabels) {
    public boolean found() {
        return choice != null;
    }
}
