package dev.hetplace.planner.onnx;

import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.measure.CastKind;
import dev.hetplace.backends.measure.CastMeasurement;
import dev.hetplace.backends.measure.CpuLayerTimer;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.Measurement;
import dev.hetplace.backends.measure.ModelShapeTiming;
import dev.hetplace.backends.measure.Timing;
import dev.hetplace.backends.measure.TimingStats;
import dev.hetplace.backends.ort.OrtModel;
import dev.hetplace.backends.ort.OrtProfile;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.Layer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code place measure --runtime onnxruntime}: the model exported all-fp32 and all-int8 (QDQ everywhere), each
 * profiled in ONNX Runtime (level ALL, the given threads), and every profiled node mapped back to its group: by its
 * name, or, for a node ORT fused and renamed (FusedConv named after its last output, FusedGemm as
 * {@code fused <name>}, {@code _nchwc} / {@code _token_N} suffixes), by the exported node producing the value it is named after. Nodes ORT adds (layout
 * Transposes, NCHWc reorders) count to the next group that runs. A group's time is the median over the timed runs
 * of the sum of its nodes' kernel times; one row per distinct conv2d / dense shape (its first group), as
 * {@link ModelShapeTiming} writes them. Cast rows: in the int8 model, QuantizeLinear nodes that ORT left standing
 * on a group's input (quantize_input) and DequantizeLinear nodes on its output (dequantize_output), where present;
 * each max pool's kernel where a float producer meets it in int8 ({@link OrtPoolEdges}: pool_edge rows); and one
 * pass row per distinct shape of a group without a GEMM (pool, add, concat, ...), fp32 and int8 ({@link #passes});
 * and what each group shape pays where an input arrives in the other precision ({@link OrtPrecisionEdges}:
 * edge_int8 / edge_fp32 rows).
 */
public final class OrtMeasurement {
    public static final String DEVICE = "cpu";
    static final String ALL_FP32 = "all-fp32";
    static final String ALL_INT8 = "all-int8";

    private OrtMeasurement() {
    }

    public static ModelShapeTiming.Result measure(CalibratedModel model, int threads, int warmups, int repeats) {
        Graph g = model.graph();
        Map<String, Group> shapes = new LinkedHashMap<>();
        Map<Group, LayerShape> shapeOf = new LinkedHashMap<>();
        int skipped = 0;
        for (Group group : model.grouped().groups()) {
            Layer anchor = model.grouped().anchor(group);
            var shape = CpuLayerTimer.shapeOf(g, anchor);
            if (shape.isPresent()) {
                if (shapes.putIfAbsent(shape.get() + " b" + CpuLayerTimer.batchOf(g, anchor), group) == null) {
                    shapeOf.put(group, shape.get());
                }
            } else if (anchor.opName().equals("conv2d") || anchor.opName().equals("dense")) {
                skipped++;
            }
        }
        Map<String, ExecutionPlan> plans = new LinkedHashMap<>();
        plans.put(ALL_FP32, ExecutionPlan.allCpu(model.grouped(), Precision.FP32));
        plans.put(ALL_INT8, ExecutionPlan.allCpu(model.grouped(), Precision.INT8));
        plans.putAll(OrtPoolEdges.plans(model));
        plans.putAll(OrtPrecisionEdges.plans(model.grouped()));
        Map<String, Profiled> profiles = profile(model, plans, threads, warmups, repeats);
        Profiled fp32 = profiles.get(ALL_FP32);
        Profiled int8 = profiles.get(ALL_INT8);
        List<Measurement> rows = new ArrayList<>();
        List<CastMeasurement> casts = new ArrayList<>();
        for (Map.Entry<Group, LayerShape> e : shapeOf.entrySet()) {
            Group group = e.getKey();
            int batch = CpuLayerTimer.batchOf(g, model.grouped().anchor(group));
            rows.add(row(e.getValue(), batch, threads, Precision.FP32, fp32.groupTimes(group.name(), n -> true)));
            rows.add(row(e.getValue(), batch, threads, Precision.INT8, int8.groupTimes(group.name(), n -> true)));
            String in = g.layer(group.inputs().get(0)).name();
            long[] q = int8.nodeTimes(n -> n.op().equals("QuantizeLinear") && int8.readsValueOf(n, in));
            if (q != null) {
                casts.add(cast(e.getValue(), batch, threads, CastKind.QUANTIZE_INPUT, q));
            }
            String outName = g.layer(group.output()).name();
            long[] dq = int8.nodeTimes(n -> n.op().equals("DequantizeLinear") && int8.readsValueOf(n, outName));
            if (dq != null) {
                casts.add(cast(e.getValue(), batch, threads, CastKind.DEQUANTIZE_OUTPUT, dq));
            }
        }
        rows.addAll(passes(model, threads, fp32, int8));
        casts.addAll(OrtPoolEdges.rows(model, threads, profiles, int8));
        casts.addAll(OrtPrecisionEdges.rows(model, threads, profiles, fp32, int8));
        return new ModelShapeTiming.Result(rows, casts, shapeOf.size(), skipped);
    }

    /**
     * One pass row per distinct pass shape (the groups without a GEMM, {@link GroupWork#passShape}) and precision:
     * the median over the timed runs of the group's summed node times, 0 where ORT ran the group inside a
     * neighbour's node (a residual add fused into the conv before it).
     */
    static List<Measurement> passes(CalibratedModel model, int threads, Profiled fp32, Profiled int8) {
        List<Measurement> out = new ArrayList<>();
        Set<LayerShape> seen = new HashSet<>();
        for (Group group : model.grouped().groups()) {
            var shape = GroupWork.of(model.grouped(), group).passShape();
            if (shape.isEmpty() || !seen.add(shape.get())) {
                continue;
            }
            for (Profiled prof : List.of(fp32, int8)) {
                long[] ns = prof.groupTimes(group.name(), n -> true);
                out.add(row(shape.get(), 1, threads, prof == fp32 ? Precision.FP32 : Precision.INT8,
                        ns != null ? ns : new long[prof.runCount()]));
            }
        }
        return out;
    }

    private static Measurement row(LayerShape shape, int batch, int threads, Precision p, long[] ns) {
        if (ns == null) {
            throw new IllegalStateException("no ONNX Runtime node of the " + p.id() + " profile maps to shape " + shape);
        }
        TimingStats s = TimingStats.of(ns);
        return new Measurement(DEVICE, shape, batch, threads, p, false, Timing.EAGER, s.medianUs(), s.p10Us(),
                s.p90Us());
    }

    private static CastMeasurement cast(LayerShape shape, int batch, int threads, CastKind kind, long[] ns) {
        TimingStats s = TimingStats.of(ns);
        return new CastMeasurement(DEVICE, shape, batch, threads, kind, Timing.EAGER, s.medianUs(), s.p10Us(),
                s.p90Us());
    }

    /**
     * Every plan's export (uint8 activations) profiled in ORT, one session after another: {@code warmups} runs, then
     * {@code repeats} timed, back to back as a deployed session serves. (Interleaving the sessions' runs, even with a
     * settling run per visit as {@link dev.hetplace.backends.measure.InterleavedRuns} times whole models, priced
     * squeezenet1_1's int8 groups at 2 threads 18-25% above the whole model's measured run on this machine.)
     */
    static Map<String, Profiled> profile(CalibratedModel model, Map<String, ExecutionPlan> plans, int threads,
                                         int warmups, int repeats) {
        Map<String, Profiled> out = new LinkedHashMap<>();
        plans.forEach((what, plan) -> {
            OnnxModels x = PlanExport.of(model, plan, ActivationEncoding.UINT8, what + " model");
            byte[] bytes = x.whole().toByteArray();
            OrtProfile prof = OrtModel.profile(bytes, "the " + what + " export", OrtSettings.threads(threads),
                    OnnxRun.feed(x, model.inputs().sample(0)), warmups + repeats);
            out.put(what, new Profiled(x, OnnxExport.metadataByNode(bytes), prof, warmups, repeats));
        });
        return out;
    }

    /**
     * The group of every node of export {@code x} ({@code meta}: its nodes' metadata) and of every node ORT ran, in
     * ORT's run order {@code ortNodes}: by name, or, for a node ORT fused and renamed, by the exported node producing
     * the value it is named after; a node ORT added (a layout Transpose, an NCHWc reorder) counts to the next group
     * that runs.
     */
    public static Map<String, String> groupsOf(OnnxModels x, Map<String, Map<String, String>> meta,
                                               List<String> ortNodes) {
        Map<String, String> groupOfValue = new HashMap<>();
        Map<String, String> out = new HashMap<>();
        for (var n : x.whole().getGraph().getNodeList()) {
            String group = meta.getOrDefault(n.getName(), Map.of()).get("hetplace.group");
            n.getOutputList().forEach(o -> groupOfValue.put(o, group));
            out.put(n.getName(), group);
        }
        String next = null;
        for (int i = ortNodes.size() - 1; i >= 0; i--) {
            String name = ortNodes.get(i);
            String group = out.get(name);
            if (group == null) {
                String base = name.replaceAll("^fused ", "").replaceAll("(_token_\\d+|_nchwc)+$", "");
                group = out.containsKey(base) ? out.get(base) : groupOfValue.get(base);
            }
            if (group == null) {
                group = next;
            }
            out.put(name, group);
            next = group;
        }
        return out;
    }

    /** One profiled export: ORT's node runs split by run, each node mapped to an exported group. */
    static final class Profiled {
        private final List<List<OrtProfile.NodeTime>> runs = new ArrayList<>();
        private final Map<String, String> groupOfOrtNode = new HashMap<>();
        private final Map<String, List<String>> inputsOfNode = new HashMap<>();

        /** {@code prof} holds {@code warmups} runs, then the {@code repeats} that count. */
        Profiled(OnnxModels x, Map<String, Map<String, String>> meta, OrtProfile prof, int warmups, int repeats) {
            for (var n : x.whole().getGraph().getNodeList()) {
                inputsOfNode.put(n.getName(), n.getInputList());
            }
            List<OrtProfile.NodeTime> events = prof.events();
            int perRun = events.size() / (warmups + repeats);
            for (int r = warmups; r < warmups + repeats; r++) {
                runs.add(events.subList(r * perRun, (r + 1) * perRun));
            }
            groupOfOrtNode.putAll(groupsOf(x, meta, runs.get(0).stream().map(OrtProfile.NodeTime::node).toList()));
        }

        int runCount() {
            return runs.size();
        }

        /** The exported group ORT's node {@code n} counts to (null where none). */
        String groupOf(OrtProfile.NodeTime n) {
            return groupOfOrtNode.get(n.node());
        }

        long[] groupTimes(String group, java.util.function.Predicate<OrtProfile.NodeTime> which) {
            return nodeTimes(n -> group.equals(groupOfOrtNode.get(n.node())) && which.test(n));
        }

        /** Per timed run, the summed kernel time of the nodes matching; null when none ran. */
        long[] nodeTimes(java.util.function.Predicate<OrtProfile.NodeTime> which) {
            long[] ns = new long[runs.size()];
            boolean any = false;
            for (int r = 0; r < runs.size(); r++) {
                for (OrtProfile.NodeTime t : runs.get(r)) {
                    if (which.test(t)) {
                        ns[r] += t.micros() * 1000;
                        any = true;
                    }
                }
            }
            return any ? ns : null;
        }

        boolean readsValueOf(OrtProfile.NodeTime n, String layerName) {
            List<String> ins = inputsOfNode.get(n.node());
            return ins != null && !ins.isEmpty() && ins.get(0).startsWith(layerName);
        }
    }
}
