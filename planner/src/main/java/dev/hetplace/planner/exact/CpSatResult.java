package dev.hetplace.planner.exact;

/**
 * What CP-SAT found: an assignment (option index per group; {@code null} when it found none in its time), whether
 * it proved that assignment optimal, its own lower bound on the objective, its status name, the model's size and
 * the wall time it took.
 */
public record CpSatResult(int[] choice, boolean optimal, long lowerBoundNs, String status, int booleans,
                          int constraints, long wallNs) {
    public static final String BOUND_METHOD = "CP-SAT's objective bound";

    public boolean found() {
        return choice != null;
    }
}
