package dev.hetplace.cost;

import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * The predicted latency of a whole model run on one device, each group at a given precision in plain layout:
 * the sum of the groups' costs and of one cast per tensor and precision it must change to (a graph input arrives
 * in fp32, a graph output leaves in fp32), as the device itself would convert. Tensors stay on the device (no
 * transfers), as in a whole-model benchmark.
 */
public final class WholeModelEstimate {
    private WholeModelEstimate() {
    }

    public static long ns(GroupedGraph graph, Device device, IntFunction<Precision> precisionOfGroup,
                          GroupCostModel groups, CrossingModel crossings, int batch) {
        long total = 0;
        for (Group g : graph.groups()) {
            Precision p = precisionOfGroup.apply(g.id());
            total += groups.cost(graph, g, device, p, Layout.PLAIN, batch).orElseThrow(() ->
                    new IllegalArgumentException("group " + g.name() + " (" + graph.anchor(g).opName()
                            + ") has no " + p.id() + " kernel on " + device.id())).timeNs();
        }
        return total + castsNs(graph, device, precisionOfGroup, crossings, batch);
    }

    /** The casts alone: one per tensor and precision it must change to, inputs arriving and outputs leaving in fp32. */
    public static long castsNs(GroupedGraph graph, Device device, IntFunction<Precision> precisionOfGroup,
                               CrossingModel crossings, int batch) {
        long total = 0;
        Map<Integer, Precision> producedAt = new HashMap<>();
        for (Group g : graph.groups()) {
            producedAt.put(g.output(), precisionOfGroup.apply(g.id()));
        }
        Map<Integer, TreeSet<Precision>> needed = new HashMap<>();
        for (Group g : graph.groups()) {
            for (int in : g.inputs()) {
                needed.computeIfAbsent(in, k -> new TreeSet<>()).add(precisionOfGroup.apply(g.id()));
            }
        }
        for (int out : graph.graph().outputs()) {
            needed.computeIfAbsent(out, k -> new TreeSet<>()).add(Precision.FP32);
        }
        for (Map.Entry<Integer, TreeSet<Precision>> e : needed.entrySet()) {
            Precision from = producedAt.getOrDefault(e.getKey(), Precision.FP32);
            long elements = graph.graph().layer(e.getKey()).output().elements() * batch;
            for (Precision to : e.getValue()) {
                if (to != from) {
                    total += crossings.castNs(device, from, to, elements);
                }
            }
        }
        return total;
    }
}
