package dev.hetplace.planner.timefold.justifications;

import ai.timefold.solver.core.api.score.stream.ConstraintJustification;

/** The weights placed on {@code device} take {@code bytes}, more than its {@code capacityBytes}. */
public record MemoryOverCapacityJustification(String device, long bytes, long capacityBytes)
        implements ConstraintJustification {
}
