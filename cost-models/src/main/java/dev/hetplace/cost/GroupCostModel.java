package dev.hetplace.cost;

import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import java.util.Optional;

/**
 * Prices one group on one device at one precision and layout, for a batch size. Empty means the device has
 * no kernel for it (the choice is infeasible and never enters the search).
 */
public interface GroupCostModel {
    Optional<Cost> cost(GroupedGraph graph, Group group, Device device, Precision precision, Layout layout, int batch);
}
