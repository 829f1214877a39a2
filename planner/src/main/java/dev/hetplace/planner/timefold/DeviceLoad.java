package dev.hetplace.planner.timefold;

/** Busy time {@code ns} that a group or a crossing step adds to device {@code device} (its index). */
record DeviceLoad(int device, long ns) {
}
