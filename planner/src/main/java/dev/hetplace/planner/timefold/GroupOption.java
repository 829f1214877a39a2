package dev.hetplace.planner.timefold;

/**
 * One priced option of one group: {@code index} is its position in the cost table's option list of the group,
 * {@code choice} the id of its {@link DeviceChoice}, {@code device} the device index.
 */
public record GroupOption(int group, int index, int choice, int device, long timeNs, long memoryBytes,
                          long noisePpb) {
}
