package dev.hetplace.planner.timefold.justifications;

import ai.timefold.solver.core.api.score.stream.ConstraintJustification;

/** Tensor {@code tensor} cannot reach consumer group {@code consumerGroup} ({@code -1}: the host, as graph output). */
public record InfeasibleCrossingJustification(int tensor, int consumerGroup) implements ConstraintJustification {
}
