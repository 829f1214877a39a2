package dev.hetplace.experiments.ort;

import java.util.List;

/**
 * A plan an ONNX Runtime study measures: its name, the accuracy budget it is solved under (null: none), the
 * precisions it may use (as {@code --precisions}; empty: all) and a pin per group ({@code #12=cpu:int8}, as
 * {@code --pin}; empty: the solver chooses every group).
 */
public record StudyPlan(String name, Double minSqnrDb, List<String> precisions, List<String> pins) {
    public StudyPlan {
        precisions = List.copyOf(precisions);
        pins = List.copyOf(pins);
    }

    /** The solver's plan, under {@code minSqnrDb} (null: no budget). */
    public static StudyPlan solved(String name, Double minSqnrDb) {
        return new StudyPlan(name, minSqnrDb, List.of(), List.of());
    }

    /** The solver's plan without a budget, at {@code precisions} only. */
    public static StudyPlan solvedAt(String name, List<String> precisions) {
        return new StudyPlan(name, null, precisions, List.of());
    }

    /** Every group fixed by a pin. */
    public static StudyPlan pinned(String name, List<String> pins) {
        return new StudyPlan(name, null, List.of(), pins);
    }
}
