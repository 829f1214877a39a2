package dev.hetplace.planner.timefold.justifications;

import ai.timefold.solver.core.api.score.stream.ConstraintJustification;

/** Group {@code group} runs as {@code choice} and takes {@code timeNs}. */
public record GroupTimeJustification(String group, String choice, long timeNs) implements ConstraintJustification {
}
