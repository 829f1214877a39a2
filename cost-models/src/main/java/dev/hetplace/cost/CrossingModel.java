package dev.hetplace.cost;

import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Link;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import java.util.Optional;

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

    /**
     * What max-pool group {@code pool} runs on {@code device} where a float tensor meets it in int8 (its float input
     * into its int8 run, or its float run into an int8 consumer), in place of its own kernel; empty where the
     * device's costs know no such kernel (the default).
     */
    default Optional<EdgeKernel> poolEdge(GroupedGraph graph, Group pool, Device device, int batch) {
        return Optional.empty();
    }

    /**
     * What group {@code consumer}, run at {@code at} on {@code device}, pays beyond its own option price for one
     * input arriving in the other of fp32 / int8 (the casts, layout changes and lost fusions the runtime adds there);
     * empty where the device's costs have no such figure (the default), and the edge is priced by its cast steps.
     */
    default Optional<EdgeKernel> precisionEdge(GroupedGraph graph, Group consumer, Device device, Precision at,
                                               int batch) {
        return Optional.empty();
    }

    /** Re-laying out {@code elements} values stored at {@code precision} on {@code device}. */
    long layoutNs(Device device, Layout from, Layout to, Precision precision, long elements);
}
