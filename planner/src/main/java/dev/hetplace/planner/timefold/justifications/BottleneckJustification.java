package dev.hetplace.planner.timefold.justifications;

import ai.timefold.solver.core.api.score.stream.ConstraintJustification;

/** {@code device} is the busiest device: {@code busyNs} per input (groups, conversions, transfers). */
public record BottleneckJustification(String device, long busyNs) implements ConstraintJustification {
}
