package dev.hetplace.planner.onnx;

import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.measure.CastKind;
import dev.hetplace.backends.measure.CastMeasurement;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.MaxPoolShape;
import dev.hetplace.backends.measure.Timing;
import dev.hetplace.backends.measure.TimingStats;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code pool_edge} rows of {@code place measure --runtime onnxruntime}: what a max pool costs in ONNX Runtime
 * where a float tensor meets it in int8. ORT drops the pool's own DequantizeLinear / QuantizeLinear pair (and its
 * QDQ propagation moves a QuantizeLinear after a float pool above it), so the pool runs on uint8; behind an int8
 * QLinearConv its NHWC transformer carries the tensor through {@code NhwcMaxPool}, but behind a float (NCHWc) conv
 * the tensor is reordered out of NCHWc, quantized, pooled by the plain NCHW uint8 {@code MaxPool}, 60-200x slower,
 * and transposed to NHWC again by every int8 consumer after it. No pure export runs that kernel, so for each
 * distinct max-pool shape (its first group) the all-int8 plan with the pool's producer group in fp32 (a concat's
 * first producer, where the producer is a concat) is exported and profiled: per timed run, the pool group's kernels
 * (its QuantizeLinear excluded: a cast row prices it) plus the Transposes ORT adds to the groups after it, less the
 * Transposes after it in the all-int8 profile.
 */
public final class OrtPoolEdges {
    private OrtPoolEdges() {
    }

    /** The export profiled for each pool edge, keyed by its name in {@link OrtMeasurement#profile}. */
    static Map<String, ExecutionPlan> plans(CalibratedModel model) {
        GroupedGraph gg = model.grouped();
        Choice fp32 = new Choice(OrtMeasurement.DEVICE, Precision.FP32, Layout.PLAIN);
        Map<String, ExecutionPlan> out = new LinkedHashMap<>();
        for (Group pool : edgePools(gg)) {
            out.put(key(pool), ExecutionPlan.allCpu(gg, Precision.INT8).with(floatGroup(gg, producerGroup(gg, pool)),
                    fp32));
        }
        return out;
    }

    /**
     * One row per distinct max-pool shape of {@code model} whose input comes from another group, from the
     * {@link #plans} exports' profiles; {@code int8} is the all-int8 export's profile at the same threads.
     */
    static List<CastMeasurement> rows(CalibratedModel model, int threads, Map<String, OrtMeasurement.Profiled> profiles,
                                      OrtMeasurement.Profiled int8) {
        GroupedGraph gg = model.grouped();
        Map<String, Integer> index = new HashMap<>();
        gg.groups().forEach(g -> index.put(g.name(), g.id()));
        List<CastMeasurement> out = new ArrayList<>();
        for (Group pool : edgePools(gg)) {
            OrtMeasurement.Profiled edge = profiles.get(key(pool));
            long[] own = edge.nodeTimes(n -> pool.name().equals(edge.groupOf(n)) && !n.op().equals("QuantizeLinear"));
            if (own == null) {
                continue; // no row: the cost model prices this shape as unmeasured, fitted to the other rows
            }
            long[] after = transposesAfter(edge, index, pool.id());
            long[] before = transposesAfter(int8, index, pool.id());
            long[] ns = new long[own.length];
            for (int r = 0; r < ns.length; r++) {
                ns[r] = own[r] + Math.max(0, after[r] - before[r]);
            }
            TimingStats s = TimingStats.of(ns);
            LayerShape shape = MaxPoolShape.of(gg.graph(), gg.anchor(pool)).orElseThrow();
            out.add(new CastMeasurement(OrtMeasurement.DEVICE, shape, 1, threads, CastKind.POOL_EDGE, Timing.EAGER,
                    s.medianUs(), s.p10Us(), s.p90Us()));
        }
        return out;
    }

    private static String key(Group pool) {
        return "pool-edge " + pool.name();
    }

    /** The first max pool of each distinct shape whose input comes from another group (not a graph input or pool). */
    private static List<Group> edgePools(GroupedGraph gg) {
        Set<LayerShape> seen = new LinkedHashSet<>();
        List<Group> out = new ArrayList<>();
        for (Group pool : gg.groups()) {
            Optional<LayerShape> shape = MaxPoolShape.of(gg.graph(), gg.anchor(pool));
            if (shape.isPresent() && producerGroup(gg, pool) >= 0 && seen.add(shape.get())) {
                out.add(pool);
            }
        }
        return out;
    }

    /** Per timed run, the Transpose kernels counted to groups after group {@code after} (zeros where none ran). */
    private static long[] transposesAfter(OrtMeasurement.Profiled p, Map<String, Integer> index, int after) {
        long[] ns = p.nodeTimes(n -> n.op().equals("Transpose") && index.getOrDefault(p.groupOf(n), -1) > after);
        return ns != null ? ns : new long[p.nodeTimes(n -> true).length];
    }

    /**
     * The group to run in fp32 for the pool's edge: its producer, or, where that is a concat, the concat's first
     * producer. ORT runs a float concat of int8 convs as one QLinearConcat (its DequantizeLinear / QuantizeLinear
     * sandwich fused), so the pool after it would see NHWC uint8 and run fast; an int8 concat with a float input
     * runs in NCHW, and the pool after it on the plain kernel.
     */
    private static int floatGroup(GroupedGraph gg, int producer) {
        Group g = gg.group(producer);
        if (!gg.anchor(g).opName().equals("concat")) {
            return producer;
        }
        for (int input : g.inputs()) {
            int p = gg.groupOf(input);
            if (p >= 0 && p != producer) {
                return p;
            }
        }
        return producer;
    }

    /** The group producing the pool's input, or -1 where it reads a graph input or another max pool. */
    private static int producerGroup(GroupedGraph gg, Group pool) {
        Layer anchor = gg.anchor(pool);
        if (anchor.inputs().isEmpty()) {
            return -1;
        }
        int g = gg.groupOf(anchor.inputs().get(0));
        return g < 0 || g == pool.id() || MaxPoolShape.of(gg.graph(), gg.anchor(gg.group(g))).isPresent() ? -1 : g;
    }
}
