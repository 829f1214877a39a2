package dev.hetplace.cost;

import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a {@link CostTable}: every feasible option of every group and every crossing, priced once. Where a float
 * tensor meets a max pool in int8 on a device whose costs know the kernel that runs there
 * ({@link CrossingModel#poolEdge}), the edge pays that kernel less the pool's own option price, as a crossing step
 * {@code pool_edge:in|out:<pool group>@<device>}: on the pool's input when the pool runs at the other of fp32 / int8
 * than its producer (ORT runs the pool on uint8: after a float producer its QDQ selector drops the pool's own
 * DequantizeLinear / QuantizeLinear, after an int8 one its propagation moves the DequantizeLinear below the pool),
 * once per tensor on its output when the pool runs in float before an int8 consumer (ORT moves the quantize above
 * it), and on each float input of an int8 concat whose output feeds the pool ({@code pool_edge:concat:...}: ORT
 * runs that concat in NCHW, and the pool after it on its plain kernel). Where the device's costs measure what a
 * group pays for an input in the other precision ({@link CrossingModel#precisionEdge}: ONNX Runtime's edge rows),
 * every other group's such input pays that ({@code edge:<precision>:<group>@<device>}): into fp32 in place of its
 * conversion path's cast (each consumer's DequantizeLinear is its own, inside its row), into int8 beside it (one
 * QuantizeLinear serves all the tensor's int8 consumers, so the rows leave it out and the cast step prices it).
 */
public final class CostTableBuilder {
    private final GroupedGraph graph;
    private final Platform platform;
    private final List<String> targets;
    private final Set<Precision> precisions;
    private final int batch;
    private final GroupCostModel groupModel;
    private final CrossingModel crossingModel;
    private final NoiseModel noiseModel;
    private final Map<String, Optional<EdgeKernel>> poolEdges = new HashMap<>();
    private final Map<String, Optional<EdgeKernel>> precisionEdges = new HashMap<>();
    private final Map<String, String> stepNotes = new TreeMap<>();
    private List<List<Option>> options;

    public CostTableBuilder(GroupedGraph graph, Platform platform, List<String> targets, Set<Precision> precisions,
                            int batch, GroupCostModel groupModel, CrossingModel crossingModel, NoiseModel noiseModel) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.graph = graph;
        this.platform = platform;
        this.targets = List.copyOf(targets);
        this.precisions = precisions.isEmpty() ? EnumSet.allOf(Precision.class) : EnumSet.copyOf(precisions);
        this.batch = batch;
        this.groupModel = groupModel;
        this.crossingModel = crossingModel;
        this.noiseModel = noiseModel;
    }

    public CostTable build() {
        Device hostDevice = platform.devices().stream().filter(d -> d.kind() == DeviceKind.CPU).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("platform " + platform.name() + " has no CPU host"));
        Choice host = new Choice(hostDevice.id(), Precision.FP32, Layout.PLAIN);
        options = new ArrayList<>();
        for (Group g : graph.groups()) {
            options.add(optionsOf(g));
        }
        TensorIndex index = TensorIndex.of(graph);
        ConversionPath path = new ConversionPath(platform, crossingModel);
        int n = index.tensors().size();
        List<List<CrossingStep>> keys = new ArrayList<>();
        long[][][] keyCost = new long[n][][];
        List<Map<Integer, long[][]>> needMasks = new ArrayList<>();
        long[][] hostNeed = new long[n][];
        for (TensorInfo t : index.tensors()) {
            List<Choice> producers = t.isGraphInput() ? List.of(host)
                    : options.get(t.producer()).stream().map(Option::choice).toList();
            long elements = t.elements() * batch;
            Map<String, Integer> keyIds = new LinkedHashMap<>();
            List<CrossingStep> keyList = new ArrayList<>();
            List<Map<Integer, Long>> costsByProducer = new ArrayList<>();
            for (int p = 0; p < producers.size(); p++) {
                costsByProducer.add(new HashMap<>());
            }
            Map<Integer, long[][]> masks = new TreeMap<>();
            for (int consumer : t.consumers()) {
                List<Option> cons = options.get(consumer);
                long[][] m = new long[producers.size()][cons.size()];
                for (int p = 0; p < producers.size(); p++) {
                    for (int c = 0; c < cons.size(); c++) {
                        Option o = cons.get(c);
                        if (!t.isGraphInput() && o.cost().fusedInto() == t.producer()) {
                            // fused into its producer: the tensor never leaves that kernel, which must run there
                            m[p][c] = producers.get(p).equals(o.choice()) ? 0L : CostTable.INFEASIBLE;
                        } else {
                            Optional<CrossingStep> precisionEdge = t.isGraphInput() || isMaxPool(consumer)
                                    ? Optional.empty() : precisionEdge(producers.get(p), consumer, o);
                            m[p][c] = need(path, producers.get(p), o.choice(), elements, keyIds, keyList,
                                    costsByProducer.get(p), t, precisionEdge.isPresent()
                                            && o.choice().precision() == Precision.FP32);
                            Optional<CrossingStep> edge = poolEdge(t, t.isGraphInput() ? null
                                    : options.get(t.producer()).get(p), producers.get(p), consumer, o);
                            Optional<CrossingStep> concatPool = t.isGraphInput() ? Optional.empty()
                                    : concatPoolEdge(producers.get(p), consumer, o);
                            for (Optional<CrossingStep> step : List.of(precisionEdge, edge, concatPool)) {
                                if (m[p][c] != CostTable.INFEASIBLE && step.isPresent()) {
                                    m[p][c] |= mask(List.of(step.get()), keyIds, keyList, costsByProducer.get(p), t);
                                }
                            }
                        }
                    }
                }
                masks.put(consumer, m);
            }
            long[] hn = new long[producers.size()];
            for (int p = 0; p < producers.size(); p++) {
                hn[p] = t.graphOutput() ? need(path, producers.get(p), host, elements, keyIds, keyList,
                        costsByProducer.get(p), t) : 0L;
            }
            long[][] kc = new long[producers.size()][keyList.size()];
            for (int p = 0; p < producers.size(); p++) {
                for (Map.Entry<Integer, Long> e : costsByProducer.get(p).entrySet()) {
                    kc[p][e.getKey()] = e.getValue();
                }
            }
            keys.add(List.copyOf(keyList));
            keyCost[t.id()] = kc;
            needMasks.add(masks);
            hostNeed[t.id()] = hn;
        }
        requireSumsFit(options, keyCost);
        return new CostTable(graph, platform, host, batch, options, index.tensors(), index.outputTensorOfGroup(),
                index.inputTensorsOfGroup(), keys, keyCost, needMasks, hostNeed, noiseModel.describe(),
                noiseModel.measured(), stepNotes);
    }

    /** The most any plan can cost on this table, which must stay far from overflowing the long sums of the solvers. */
    private static final double MAX_PLAN_NS = Long.MAX_VALUE / 4.0;

    private void requireSumsFit(List<List<Option>> options, long[][][] keyCost) {
        double worst = 0;
        for (List<Option> group : options) {
            worst += group.stream().mapToLong(o -> o.cost().timeNs()).max().orElse(0);
        }
        for (long[][] perProducer : keyCost) {
            for (long[] costs : perProducer) {
                for (long c : costs) {
                    worst += c;
                }
            }
        }
        if (worst > MAX_PLAN_NS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the costs of %s on platform %s"
                    + " (batch %d) add up to %.3g ns, past the %.3g ns a plan may cost: a profile figure is out of range"
                    + " or the model is too large", graph.graph().name(), platform.name(), batch, worst, MAX_PLAN_NS));
        }
    }

    private long need(ConversionPath path, Choice from, Choice to, long elements, Map<String, Integer> keyIds,
                      List<CrossingStep> keyList, Map<Integer, Long> costs, TensorInfo t) {
        return need(path, from, to, elements, keyIds, keyList, costs, t, false);
    }

    /** The conversion path's steps as a key mask; without its casts where a measured precision edge replaces them. */
    private long need(ConversionPath path, Choice from, Choice to, long elements, Map<String, Integer> keyIds,
                      List<CrossingStep> keyList, Map<Integer, Long> costs, TensorInfo t, boolean castsMeasured) {
        Optional<List<CrossingStep>> steps = path.steps(from, to, elements);
        if (steps.isEmpty()) {
            return CostTable.INFEASIBLE;
        }
        List<CrossingStep> kept = castsMeasured
                ? steps.get().stream().filter(s -> s.kind() != CrossingStep.Kind.CAST).toList() : steps.get();
        return mask(kept, keyIds, keyList, costs, t);
    }

    private long mask(List<CrossingStep> steps, Map<String, Integer> keyIds, List<CrossingStep> keyList,
                      Map<Integer, Long> costs, TensorInfo t) {
        long mask = 0;
        for (CrossingStep s : steps) {
            Integer k = keyIds.get(s.key());
            if (k == null) {
                k = keyList.size();
                if (k >= 63) {
                    throw new IllegalStateException("tensor #" + t.layer() + " has more than 63 distinct crossing steps");
                }
                keyIds.put(s.key(), k);
                keyList.add(new CrossingStep(s.kind(), s.key(), 0));
            }
            if (s.ns() < 0 || s.ns() > Cost.MAX_NS) {
                throw new IllegalArgumentException("crossing " + s.key() + " of tensor #" + t.layer() + " "
                        + new CostOutOfRangeException(s.ns()).getMessage() + " (platform " + platform.name() + ")");
            }
            costs.put(k, s.ns());
            mask |= 1L << k;
        }
        return mask;
    }

    /**
     * The pool-edge step tensor {@code t} pays from producer option {@code from} (null for a graph input, produced
     * as {@code fromChoice}) to consumer group {@code consumer}'s option {@code to}, if any: the edge kernel less the
     * pool option's own price, when that is positive.
     */
    private Optional<CrossingStep> poolEdge(TensorInfo t, Option from, Choice fromChoice, int consumer, Option to) {
        Precision a = fromChoice.precision();
        Precision b = to.choice().precision();
        if (!fp32Int8Edge(a, b)) {
            return Optional.empty();
        }
        Optional<CrossingStep> in = poolEdge(graph.group(consumer), to, "in");
        if (in.isPresent() || b != Precision.INT8 || from == null
                || !from.choice().device().equals(to.choice().device())) {
            return in;
        }
        return poolEdge(graph.group(t.producer()), from, "out");
    }

    /**
     * The precision-edge step of a tensor produced as {@code from} into consumer group {@code consumer}'s option
     * {@code to} on the same device, one of fp32 / int8 to the other, where the device's costs measure it
     * ({@link CrossingModel#precisionEdge}): the measured edge (into fp32 it holds the dequantize, and the
     * conversion path's cast step is then not charged for this consumer), keyed per consumer
     * ({@code edge:<precision>:<group>@<device>}).
     */
    private Optional<CrossingStep> precisionEdge(Choice from, int consumer, Option to) {
        Precision a = from.precision();
        Precision b = to.choice().precision();
        if (!from.device().equals(to.choice().device()) || !fp32Int8Edge(a, b)) {
            return Optional.empty();
        }
        Device d = platform.device(to.choice().device()).orElseThrow();
        Group g = graph.group(consumer);
        Optional<EdgeKernel> k = precisionEdges.computeIfAbsent(g.id() + "@" + d.id() + ":" + b.id(),
                x -> crossingModel.precisionEdge(graph, g, d, b, batch));
        if (k.isEmpty()) {
            return Optional.empty();
        }
        String key = "edge:" + b.id() + ":" + g.name() + "@" + d.id();
        stepNotes.putIfAbsent(key, String.format(java.util.Locale.ROOT, "group %s run %s with an input in %s: %.1f us"
                + " (%s), %s", g.name(), b.id(), a.id(), k.get().ns() / 1000.0, k.get().note(),
                b == Precision.FP32 ? "its dequantize included" : "its quantize priced apart, as the tensor's cast"));
        return Optional.of(new CrossingStep(CrossingStep.Kind.CAST, key, k.get().ns()));
    }

    /**
     * The pool-edge step of a float tensor into an int8 concat whose output feeds a max pool: ORT runs such a concat
     * in NCHW (its float input quantized there), so the pool after it runs the plain uint8 kernel, priced as for
     * the pool's int8 option ({@code pool_edge:concat:<pool group>@<device>}, per float input).
     */
    private Optional<CrossingStep> concatPoolEdge(Choice from, int consumer, Option to) {
        Choice c = to.choice();
        if (c.precision() != Precision.INT8 || from.precision() != Precision.FP32 || !from.device().equals(c.device())
                || !isConcat(consumer)) {
            return Optional.empty();
        }
        for (int next : graph.consumers(consumer)) {
            if (!isMaxPool(next)) {
                continue;
            }
            Optional<Option> poolInt8 = options.get(next).stream().filter(x -> x.choice().equals(c)).findFirst();
            if (poolInt8.isPresent()) {
                return poolEdge(graph.group(next), poolInt8.get(), "concat");
            }
        }
        return Optional.empty();
    }

    /** One of fp32 and int8 meeting the other. */
    private static boolean fp32Int8Edge(Precision a, Precision b) {
        return a != b && EnumSet.of(Precision.FP32, Precision.INT8).containsAll(List.of(a, b));
    }

    private boolean isConcat(int group) {
        return graph.anchor(graph.group(group)).opName().equals("concat");
    }

    private boolean isMaxPool(int group) {
        return graph.anchor(graph.group(group)).opName().equals("max_pool2d");
    }

    private Optional<CrossingStep> poolEdge(Group pool, Option poolOption, String side) {
        Device d = platform.device(poolOption.choice().device()).orElseThrow();
        Optional<EdgeKernel> k = poolEdges.computeIfAbsent(pool.id() + "@" + d.id(),
                x -> crossingModel.poolEdge(graph, pool, d, batch));
        long extra = k.map(e -> e.ns() - poolOption.cost().timeNs()).orElse(0L);
        if (extra <= 0) {
            return Optional.empty();
        }
        String key = "pool_edge:" + side + ":" + pool.name() + "@" + d.id();
        stepNotes.putIfAbsent(key, String.format(java.util.Locale.ROOT, "fp32 meets int8 at max pool %s"
                + " (%s): ONNX Runtime runs its plain uint8 kernel, %.1f us (%s), in place of the pool option's own"
                + " time",
                pool.name(), switch (side) {
                    case "in" -> "its input, produced in the other precision";
                    case "out" -> "its output, the pool in float before an int8 consumer";
                    default -> "its input from an int8 concat with a float input, which ORT runs in NCHW";
                },
                k.get().ns() / 1000.0, k.get().note()));
        return Optional.of(new CrossingStep(CrossingStep.Kind.CAST, key, extra));
    }

    private List<Option> optionsOf(Group g) {
        List<Option> result = new ArrayList<>();
        // the blocked layout is VTA's; without a VTA target no tensor is ever blocked
        boolean blockedUseful = targets.stream().map(platform::device)
                .anyMatch(d -> d.isPresent() && d.get().kind() == DeviceKind.VTA);
        Layer anchor = graph.anchor(g);
        long params = 0;
        for (int l : g.layers()) {
            params += graph.graph().params(graph.graph().layer(l));
        }
        for (String target : targets) {
            Device d = platform.device(target).orElseThrow(() -> new IllegalArgumentException(
                    "unknown target '" + target + "': platform " + platform.name() + " has devices "
                            + String.join(", ", platform.deviceIds())));
            for (Precision p : d.precisions()) {
                if (!precisions.contains(p)) {
                    continue;
                }
                for (Layout layout : Layout.values()) {
                    if (layout == Layout.BLOCKED && !blockedUseful) {
                        continue;
                    }
                    Optional<Cost> cost;
                    try {
                        cost = groupModel.cost(graph, g, d, p, layout, batch);
                    } catch (CostOutOfRangeException e) {
                        throw new IllegalArgumentException("group " + g.name() + " on " + d.id() + ":" + p.id() + " "
                                + e.getMessage() + " (platform " + platform.name() + ", batch " + batch + ")");
                    }
                    if (cost.isPresent()) {
                        long noise = noiseModel.noisePpb(graph, g, p);
                        result.add(new Option(new Choice(d.id(), p, layout), cost.get(), params * p.storageBytes(),
                                noise, noiseModel.measured()));
                    }
                }
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("group " + g.name() + " (" + anchor.opName()
                    + ") has no feasible choice on targets " + String.join(",", targets)
                    + (precisions.size() < Precision.values().length ? " with precisions " + precisions : ""));
        }
        return List.copyOf(result);
    }
}
