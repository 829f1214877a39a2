package dev.hetplace.cost;

import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Link;
import dev.hetplace.hw.Precision;

/** Prices the three kinds of crossing step; each answer is in integer nanoseconds for the whole batch. */
public interface CrossingModel {
    long transferNs(Link link, long bytes);

    /**
     * What a tensor read back from {@code from} to {@code to} pays on top of its transfer because the host must
     * wait for the device's queue (0 where nothing waits).
     */
    default long syncNs(Device from, Device to) {
        return 0;
    }

    /** Converting {@code elements} values from one precision to another on {@code device}. */
    long castNs(Device device, Precision from, Precision to, long elements);

    /** Re-laying out {@code elements} values stored at {@code precision} on {@code device}. */
    long layoutNs(Device device, Layout from, Layout to, Precision precision, long elements);
}
