package dev.hetplace.backends.exec;

import dev.hetplace.hw.Choice;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.GroupedGraph;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to execute where: a {@link Choice} (device id, precision, layout) per group id, and the kind of every
 * device id the choices name (a device missing from {@code devices} counts as a CPU). VTA groups run through
 * the CPU int8 kernels, which implement the same scheme bit for bit; GPU groups run the float kernels with
 * their precision emulated.
 */
public record ExecutionPlan(Map<Integer, Choice> choices, Map<String, DeviceKind> devices) {

    public ExecutionPlan {
        choices = java.util.Collections.unmodifiableMap(new TreeMap<>(choices));
        devices = java.util.Collections.unmodifiableMap(new TreeMap<>(devices));
    }

    /** Every group on the CPU (device id {@code cpu}) at one precision. */
    public static ExecutionPlan allCpu(GroupedGraph graph, Precision precision) {
        return uniform(graph, new Choice("cpu", precision, Layout.PLAIN), DeviceKind.CPU);
    }

    /** Every group with the same choice, whose device is of {@code kind}. */
    public static ExecutionPlan uniform(GroupedGraph graph, Choice choice, DeviceKind kind) {
        Map<Integer, Choice> m = new TreeMap<>();
        for (int g = 0; g < graph.size(); g++) {
            m.put(g, choice);
        }
        return new ExecutionPlan(m, Map.of(choice.device(), kind));
    }

    /** This plan with one group's choice replaced. */
    public ExecutionPlan with(int group, Choice choice) {
        Map<Integer, Choice> m = new TreeMap<>(choices);
        m.put(group, choice);
        return new ExecutionPlan(m, devices);
    }

    /** This plan with a device kind declared. */
    public ExecutionPlan withDevice(String device, DeviceKind kind) {
        Map<String, DeviceKind> d = new TreeMap<>(devices);
        d.put(device, kind);
        return new ExecutionPlan(choices, d);
    }

    public Choice choice(int group) {
        Choice c = choices.get(group);
        if (c == null) {
            throw new IllegalArgumentException("execution plan has no choice for group g" + group);
        }
        return c;
    }

    public DeviceKind kind(String device) {
        return devices.getOrDefault(device, DeviceKind.CPU);
    }
}
