package dev.hetplace.planner.timefold.justifications;

import ai.timefold.solver.core.api.score.stream.ConstraintJustification;

/** The quantized groups add {@code noisePpb} of output noise, more than the budget {@code budgetPpb}. */
public record NoiseOverBudgetJustification(long noisePpb, long budgetPpb) implements ConstraintJustification {
}
