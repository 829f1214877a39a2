package dev.hetplace.planner;

/**
 * A reference plan priced with the same cost table: {@code choice} is null (and {@code reason} says why) when the
 * baseline does not apply to this model and platform. {@code breaks} names the run's constraint (accuracy budget,
 * capacity, pin) the baseline violates, or is null.
 */
public record Baseline(String name, String description, int[] choice, Evaluation evaluation, String reason,
                       String breaks) {
    public boolean applies() {
        return choice != null;
    }
}
