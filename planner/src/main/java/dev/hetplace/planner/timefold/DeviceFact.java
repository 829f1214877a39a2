package dev.hetplace.planner.timefold;

/** A device of the platform at its index, with its memory capacity in bytes ({@link Long#MAX_VALUE} = unlimited). */
public record DeviceFact(int index, String id, long memoryCapacityBytes) {
    public boolean limited() {
        return memoryCapacityBytes != Long.MAX_VALUE;
    }
}
