package dev.hetplace.planner.baseline;

import dev.hetplace.planner.domain.Evaluation;

/** A reference plan priced with the same cost table, or why the baseline does not apply to this model and platform. */
public sealed interface Baseline permits Baseline.Priced, Baseline.NotApplicable {
    String name();

    String description();

    /** The baseline's plan; {@code breaks} names the run's constraint (budget, capacity, pin) it violates, or is null. */
    record Priced(String name, String description, int[] choice, Evaluation evaluation, String breaks)
            implements Baseline {
    }

    record NotApplicable(String name, String description, String reason) implements Baseline {
    }
}
