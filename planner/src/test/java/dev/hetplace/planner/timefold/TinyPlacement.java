package dev.hetplace.planner.timefold;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.CrossingStep.Kind;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.domain.Objective;
import java.util.List;

/**
 * A hand-built three-group placement on a CPU (device 0) and VTA (device 1), small enough to price by hand:
 * graph input t0 -> g0; g0 -> t1 -> g1, g2; g1 -> t2 -> g2; g2 -> t3, a graph output. Option 0 of every group is
 * {@code cpu:fp32}, option 1 {@code vta:int8:blocked}. Crossing into VTA pays, on the CPU, cast 100, layout 50 and a
 * transfer 200; crossing out of VTA pays transfer 210, layout 60 and cast 120; each times the tensor's scale (t0 1,
 * t1 1, t2 2, t3 3). t2 cannot go from VTA to a CPU consumer (an infeasible crossing).
 */
final class TinyPlacement {
    static final DeviceChoice CPU = new DeviceChoice(0, new Choice("cpu", Precision.FP32, Layout.PLAIN), 0);
    static final DeviceChoice VTA = new DeviceChoice(1, new Choice("vta", Precision.INT8, Layout.BLOCKED), 1);
    static final long[] CPU_NS = {1000, 2000, 3000};
    static final long[] VTA_NS = {400, 500, 700};
    static final long[] VTA_BYTES = {300, 500, 700};
    static final long[] VTA_NOISE = {1000, 2000, 4000};

    static final long TO_VTA = 0b000111;
    static final long TO_CPU = 0b111000;

    private TinyPlacement() {
    }

    static List<DeviceFact> devices(long vtaCapacity) {
        return List.of(new DeviceFact(0, "cpu", Long.MAX_VALUE), new DeviceFact(1, "vta", vtaCapacity));
    }

    static PlacementGoal goal(Objective objective, long noiseBudget) {
        return new PlacementGoal(objective, noiseBudget);
    }

    static final TensorFact T0 = tensor(0, -1, false, 1);
    static final TensorFact T1 = tensor(1, 0, false, 1);
    static final TensorFact T2 = tensor(2, 1, false, 2);
    static final TensorFact T3 = tensor(3, 2, true, 3);

    static List<TensorFact> tensors() {
        return List.of(T0, T1, T2, T3);
    }

    static List<ConsumerEdge> edges() {
        long[][] crossing = {{0, TO_VTA}, {TO_CPU, 0}};
        long[][] infeasibleBack = {{0, TO_VTA}, {CostTable.INFEASIBLE, 0}};
        return List.of(new ConsumerEdge(T0, 0, new long[][] {{0, TO_VTA}}), new ConsumerEdge(T1, 1, crossing),
                new ConsumerEdge(T1, 2, crossing), new ConsumerEdge(T2, 2, infeasibleBack));
    }

    /** Groups placed as given: 'c' = CPU, 'v' = VTA. */
    static List<GroupAssignment> groups(String placement) {
        List<GroupAssignment> groups = new java.util.ArrayList<>();
        for (int g = 0; g < 3; g++) {
            GroupOption[] options = {
                new GroupOption(g, 0, CPU.id(), 0, CPU_NS[g], 4 * VTA_BYTES[g], 0),
                new GroupOption(g, 1, VTA.id(), 1, VTA_NS[g], VTA_BYTES[g], VTA_NOISE[g]),
            };
            GroupAssignment a = new GroupAssignment(g, "g" + g, List.of(CPU, VTA), options);
            a.setChoice(placement.charAt(g) == 'c' ? CPU : VTA);
            groups.add(a);
        }
        return groups;
    }

    private static TensorFact tensor(int id, int producer, boolean graphOutput, long scale) {
        List<CrossingKey> keys = List.of(
                new CrossingKey(0, Kind.CAST, "cast:int8@cpu", List.of(0)),
                new CrossingKey(1, Kind.LAYOUT, "layout:blocked@cpu", List.of(0)),
                new CrossingKey(2, Kind.TRANSFER, "transfer:cpu->vta:int8", List.of(0, 1)),
                new CrossingKey(3, Kind.TRANSFER, "transfer:vta->cpu:int8", List.of(1, 0)),
                new CrossingKey(4, Kind.LAYOUT, "layout:plain@cpu", List.of(0)),
                new CrossingKey(5, Kind.CAST, "cast:fp32@cpu", List.of(0)));
        long[] fromCpu = {100 * scale, 50 * scale, 200 * scale, 0, 0, 0};
        long[] fromVta = {0, 0, 0, 210 * scale, 60 * scale, 120 * scale};
        long[][] keyNs = producer < 0 ? new long[][] {fromCpu} : new long[][] {fromCpu, fromVta};
        long[] hostNeed = producer < 0 ? new long[] {0} : new long[] {0, graphOutput ? TO_CPU : 0};
        return new TensorFact(id, producer, graphOutput, keys, keyNs, hostNeed);
    }
}
