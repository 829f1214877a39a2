package dev.hetplace.planner.timefold.justifications;

import ai.timefold.solver.core.api.score.stream.ConstraintJustification;

/** Tensor {@code tensor} pays crossing step {@code step} (e.g. {@code cast:int8@cpu}) once: {@code ns}. */
public record CrossingStepJustification(int tensor, String step, long ns) implements ConstraintJustification {
}
