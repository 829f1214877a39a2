package dev.hetplace.planner.onnx;

import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.measure.CastKind;
import dev.hetplace.backends.measure.CastMeasurement;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.MaxPoolShape;
import dev.hetplace.backends.measure.Timing;
import dev.hetplace.backends.measure.TimingStats;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code edge_int8} / {@code edge_fp32} rows of {@code place measure --runtime onnxruntime}: what a group pays in
 * ONNX Runtime where an input arrives in the other precision. Two exports alternate the precisions by depth (a
 * group's depth is one more than its deepest producer's; even depths int8 in one export, fp32 in the other), so
 * every group runs once in each precision with its deepest producer in the other. Each is profiled; a group whose
 * inputs cross there is timed, per timed run, as its nodes' kernel time (the DequantizeLinear ORT leaves standing
 * for the edge, the Transposes and NCHWc reorders it adds, counted to the next group that runs; not an int8 group's
 * QuantizeLinear of a crossing input, which the cast step prices once for all the tensor's consumers) less its
 * median in the pure export of its precision, shared among its crossing producers and floored at 0. That
 * difference also holds what ORT can no longer fuse: an fp32 residual add that all-fp32 runs inside its conv (0 us
 * there) runs on its own after an int8 conv. One row per distinct group shape and precision, over the runs of every
 * group of that shape. Max pools have none: what ORT runs there depends on both their neighbours (an fp32 pool
 * between two int8 convs runs ORT's fast NHWC uint8 kernel, after an int8 conv and before a float one its plain
 * uint8 kernel), and their pool_edge rows price that kernel ({@link OrtPoolEdges}).
 */
final class OrtPrecisionEdges {
    private OrtPrecisionEdges() {
    }

    /** The two alternating exports, keyed by their names in {@link OrtMeasurement#profile}. */
    static Map<String, ExecutionPlan> plans(GroupedGraph gg) {
        int[] depth = depths(gg);
        Map<String, ExecutionPlan> out = new LinkedHashMap<>();
        for (int parity = 0; parity < 2; parity++) {
            out.put(key(parity), alternating(gg, depth, parity));
        }
        return out;
    }

    /** One row per distinct group shape and precision whose input crosses in an alternating export's profile. */
    static List<CastMeasurement> rows(CalibratedModel model, int threads, Map<String, OrtMeasurement.Profiled> profiles,
                                      OrtMeasurement.Profiled fp32, OrtMeasurement.Profiled int8) {
        GroupedGraph gg = model.grouped();
        Map<Key, List<Long>> runs = new LinkedHashMap<>();
        plans(gg).forEach((name, plan) -> {
            OrtMeasurement.Profiled mixed = profiles.get(name);
            for (Group g : gg.groups()) {
                Precision p = plan.choice(g.id()).precision();
                int crossing = crossingProducers(gg, plan, g);
                Optional<LayerShape> shape = GroupWork.edgeShape(gg, g);
                if (crossing == 0 || shape.isEmpty() || MaxPoolShape.of(gg.graph(), gg.anchor(g)).isPresent()) {
                    continue;
                }
                List<String> crossingValues = crossingInputs(gg, plan, g).stream()
                        .map(i -> gg.graph().layer(i).name()).toList();
                // an int8 group's input QuantizeLinear is the cast step's, which the tensor's consumers share
                long[] in = mixed.groupTimes(g.name(), n -> p != Precision.INT8 || !n.op().equals("QuantizeLinear")
                        || crossingValues.stream().noneMatch(v -> mixed.readsValueOf(n, v)));
                long[] pureRuns = (p == Precision.INT8 ? int8 : fp32).groupTimes(g.name(), n -> true);
                double pure = pureRuns == null ? 0 : TimingStats.of(pureRuns).medianUs() * 1000;
                List<Long> into = runs.computeIfAbsent(new Key(shape.get(), p), k -> new ArrayList<>());
                for (int r = 0; r < mixed.runCount(); r++) {
                    long ns = in == null ? 0 : in[r];
                    into.add(Math.max(0, Math.round((ns - pure) / crossing)));
                }
            }
        });
        List<CastMeasurement> out = new ArrayList<>();
        runs.forEach((k, ns) -> {
            TimingStats s = TimingStats.of(ns.stream().mapToLong(Long::longValue).toArray());
            out.add(new CastMeasurement(OrtMeasurement.DEVICE, k.shape(), 1, threads,
                    k.precision() == Precision.INT8 ? CastKind.EDGE_INT8 : CastKind.EDGE_FP32, Timing.EAGER,
                    s.medianUs(), s.p10Us(), s.p90Us()));
        });
        return out;
    }

    private static String key(int parity) {
        return "alternating-" + parity;
    }

    private record Key(LayerShape shape, Precision precision) {
    }

    /** One more than the deepest producer group's depth; 0 for a group reading only graph inputs. */
    static int[] depths(GroupedGraph gg) {
        int[] depth = new int[gg.size()];
        for (Group g : gg.groups()) {
            int d = 0;
            for (int producer : producers(gg, g)) {
                if (producer < g.id()) {
                    d = Math.max(d, depth[producer] + 1);
                }
            }
            depth[g.id()] = d;
        }
        return depth;
    }

    /** Int8 where a group's depth has the given parity, fp32 elsewhere. */
    static ExecutionPlan alternating(GroupedGraph gg, int[] depth, int parity) {
        ExecutionPlan plan = ExecutionPlan.allCpu(gg, Precision.FP32);
        Choice int8 = new Choice(OrtMeasurement.DEVICE, Precision.INT8, Layout.PLAIN);
        for (Group g : gg.groups()) {
            if (depth[g.id()] % 2 == parity) {
                plan = plan.with(g.id(), int8);
            }
        }
        return plan;
    }

    /** How many distinct producer groups of {@code g} run at another precision than {@code g} in {@code plan}. */
    static int crossingProducers(GroupedGraph gg, ExecutionPlan plan, Group g) {
        Precision p = plan.choice(g.id()).precision();
        return (int) producers(gg, g).stream().filter(producer -> plan.choice(producer).precision() != p).count();
    }

    /** The input layers of {@code g} produced by a group at another precision than {@code g} in {@code plan}. */
    static List<Integer> crossingInputs(GroupedGraph gg, ExecutionPlan plan, Group g) {
        Precision p = plan.choice(g.id()).precision();
        return g.inputs().stream().filter(i -> {
            int producer = gg.groupOf(i);
            return producer >= 0 && producer != g.id() && plan.choice(producer).precision() != p;
        }).toList();
    }

    private static Set<Integer> producers(GroupedGraph gg, Group g) {
        Set<Integer> out = new LinkedHashSet<>();
        for (int input : g.inputs()) {
            int producer = gg.groupOf(input);
            if (producer >= 0 && producer != g.id()) {
                out.add(producer);
            }
        }
        return out;
    }
}
