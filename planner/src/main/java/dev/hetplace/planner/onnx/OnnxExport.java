package dev.hetplace.planner.onnx;

import static dev.hetplace.planner.onnx.Attributes.integer;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.ActivationScales;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.ModelWeights;
import dev.hetplace.backends.quant.Requantize;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.tensor.DType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan as ONNX (opset 17, IR version 10): every layer of the grouped graph as ONNX nodes in its group's
 * precision. int8 groups are QDQ: a DequantizeLinear on each input (activations symmetric per tensor, zero point
 * 0, at the calibrated scale of the tensor), weights int8 per output channel behind a DequantizeLinear, bias int32
 * at {@code s_in * s_w}, a QuantizeLinear on the output; fp16 / bf16 groups compute in that type, with Cast nodes
 * where a tensor enters or leaves and initializers stored in it; fp32 and tf32 groups in fp32. Conversions are
 * written once per (tensor, target, device region), in the consumer's region (a DequantizeLinear once per
 * consuming group). Every node carries
 * {@code hetplace.device}, {@code hetplace.group} and {@code hetplace.precision} in its metadata_props. A plan on
 * several devices is also cut into one model per device region (a maximal run of consecutive groups on one
 * device), chained through the boundary tensors the manifest names.
 */
public final class OnnxExport {
    public static final int OPSET = 17;
    public static final int IR_VERSION = 10;

    private final GroupedGraph grouped;
    private final ExecutionPlan plan;
    private final ActivationScales scales;
    private final ActivationEncoding activations;
    private final GraphAssembly out = new GraphAssembly();
    private final LayerEmitter emitter;
    private final Map<Integer, String> floatValue = new HashMap<>();
    /** int8 group outputs, with their producer's tag: quantized once per consuming group, in the producer's region. */
    private final Map<Integer, NodeTag> quantizedOutput = new HashMap<>();
    private final Map<String, String> conversions = new HashMap<>();
    private final Map<Integer, String[]> scaleInitializers = new HashMap<>();
    private final List<String> inputNames = new ArrayList<>();
    private final List<String> outputNames = new ArrayList<>();

    private OnnxExport(GroupedGraph grouped, ExecutionPlan plan, ModelWeights weights, ActivationScales scales,
                       ActivationEncoding activations) {
        this.grouped = grouped;
        this.plan = plan;
        this.scales = scales;
        this.activations = activations;
        this.emitter = new LayerEmitter(grouped.graph(), weights, out);
    }

    /**
     * Exports {@code plan} (a choice for every group of {@code grouped}, and none for a group it lacks) with these
     * weights and activation scales; {@code description} goes to the models' doc_string (say where the weights
     * come from).
     */
    public static OnnxModels of(GroupedGraph grouped, ExecutionPlan plan, ModelWeights weights,
                                ActivationScales scales, String description) {
        return of(grouped, plan, weights, scales, ActivationEncoding.INT8, description);
    }

    /** As {@link #of(GroupedGraph, ExecutionPlan, ModelWeights, ActivationScales, String)}, activations stored as asked. */
    public static OnnxModels of(GroupedGraph grouped, ExecutionPlan plan, ModelWeights weights,
                                ActivationScales scales, ActivationEncoding activations, String description) {
        checkBelongs(grouped, plan, scales);
        OnnxExport e = new OnnxExport(grouped, plan, weights, scales, activations);
        e.emitAll();
        return e.models(description, weights);
    }

    private static void checkBelongs(GroupedGraph grouped, ExecutionPlan plan, ActivationScales scales) {
        Graph g = grouped.graph();
        if (plan.choices().size() != grouped.size() || !plan.choices().containsKey(0)
                || !plan.choices().containsKey(grouped.size() - 1)) {
            throw new IllegalArgumentException("the plan has " + plan.choices().size() + " group choices but model '"
                    + g.name() + "' has " + grouped.size() + " groups: the plan does not belong to this model");
        }
        if (scales.log2ByLayer().length != g.size()) {
            throw new IllegalArgumentException("the activation scales cover " + scales.log2ByLayer().length
                    + " layers but model '" + g.name() + "' has " + g.size());
        }
    }

    private void emitAll() {
        Graph g = grouped.graph();
        for (Layer in : g.inputs()) {
            int type = isInteger(in.output().dtype()) ? OnnxTensors.INT64 : OnnxTensors.FLOAT;
            String name = out.fresh(in.name());
            out.declare(name, type, in.output().shape());
            floatValue.put(in.id(), name);
            inputNames.add(name);
        }
        List<LayerEmitter.WeightJob> jobs = new ArrayList<>();
        for (Group group : grouped.groups()) {
            Precision p = plan.choice(group.id()).precision();
            for (int id : group.layers()) {
                if (LayerEmitter.WeightJob.applies(g.layer(id))) {
                    jobs.add(new LayerEmitter.WeightJob(g.layer(id), OnnxTensors.floatType(p), p == Precision.INT8));
                }
            }
        }
        emitter.prepare(jobs, Parallel.common());
        int region = -1;
        String device = null;
        for (Group group : grouped.groups()) {
            Choice c = plan.choice(group.id());
            if (!c.device().equals(device)) {
                region++;
                device = c.device();
            }
            emitGroup(group, c, new NodeTag(c.device(), group.name(), c.precision().id(), region));
        }
        for (int o : g.outputs()) {
            int producer = grouped.groupOf(o);
            NodeTag tag = producer < 0 ? tagOf(0) : tagOf(producer);
            outputNames.add(fetch(o, Precision.FP32, tag));
        }
    }

    private NodeTag tagOf(int groupId) {
        for (GraphAssembly.Tagged t : out.nodes()) {
            if (t.tag().group().equals(grouped.group(groupId).name())) {
                return t.tag();
            }
        }
        Choice c = plan.choice(groupId);
        return new NodeTag(c.device(), grouped.group(groupId).name(), c.precision().id(), 0);
    }

    /**
     * An int8 group quantizes every layer's output at that layer's calibrated scale, as the project's int8
     * executor does: inside the group a QuantizeLinear -> DequantizeLinear pair follows each layer, so that ORT sees
     * DQ -> Conv -> Q (QLinearConv) rather than a float Conv+Relu between QDQ pairs.
     */
    private void emitGroup(Group group, Choice c, NodeTag tag) {
        Graph g = grouped.graph();
        Precision p = c.precision();
        boolean int8 = p == Precision.INT8;
        int type = OnnxTensors.floatType(p);
        Map<Integer, String> local = new HashMap<>();
        for (int id : group.layers()) {
            Layer l = g.layer(id);
            List<String> ins = new ArrayList<>();
            for (int src : l.inputs()) {
                ins.add(local.containsKey(src) ? local.get(src) : fetch(src, p, tag));
            }
            float inputScale = int8 && !l.inputs().isEmpty() ? scale(l.inputs().get(0)) : 0;
            String result = emitter.emit(l, ins, type, int8, inputScale, tag);
            boolean quantize = int8 && out.value(result).type() == OnnxTensors.FLOAT;
            if (quantize && id == group.output()) {
                floatValue.put(id, result);
                quantizedOutput.put(id, tag);
                continue;
            }
            if (quantize) {
                String[] s = scaleOf(id);
                String q = out.node("QuantizeLinear", l.name() + "/quantize", List.of(result, s[0], s[1]),
                        out.fresh(result + "_quantized"), activations.elementType(), out.value(result).shape(), tag);
                floatValue.put(id, result);
                local.put(id, dequantize(id, q, tag));
            } else {
                local.put(id, result);
            }
        }
        if (!quantizedOutput.containsKey(group.output())) {
            floatValue.put(group.output(), local.get(group.output()));
        }
    }

    /** The value of layer {@code src}'s output as a group of precision {@code p} in {@code tag}'s region reads it. */
    private String fetch(int src, Precision p, NodeTag tag) {
        NodeTag producer = quantizedOutput.get(src);
        int want = OnnxTensors.floatType(p);
        if (producer != null) {
            String f = floatValue.get(src);
            String[] s = scaleOf(src);
            String q = convert(src, "q", producer, () -> quantize(src, f, producer.group() + "/quantize",
                    producer));
            String dq = convert(src, "dq", tag, () -> dequantize(src, q, tag));
            return want == OnnxTensors.FLOAT ? dq : convert(src, "cast" + want, tag, () -> cast(dq, want, tag));
        }
        String v = floatValue.get(src);
        int have = out.value(v).type();
        if (have == OnnxTensors.INT64) {
            return v;
        }
        if (p == Precision.INT8) {
            String f = have == OnnxTensors.FLOAT ? v
                    : convert(src, "cast" + OnnxTensors.FLOAT, tag, () -> cast(v, OnnxTensors.FLOAT, tag));
            String[] s = scaleOf(src);
            String quantized = convert(src, "q", tag, () -> quantize(src, f, tag.group() + "/quantize_"
                    + grouped.graph().layer(src).name(), tag));
            return convert(src, "dq", tag, () -> dequantize(src, quantized, tag));
        }
        return have == want ? v : convert(src, "cast" + want, tag, () -> cast(v, want, tag));
    }

    /**
     * A conversion of {@code src} made once per device region (an int8 group's output Q in the producer's region);
     * a DequantizeLinear once per consuming group, so that each DQ feeds one QDQ node unit.
     */
    private String convert(int src, String kind, NodeTag tag, java.util.function.Supplier<String> make) {
        String key = src + "/" + kind + "/" + tag.region() + (kind.equals("dq") ? "/" + tag.group() : "");
        String v = conversions.get(key);
        if (v == null) {
            v = make.get();
            conversions.put(key, v);
        }
        return v;
    }

    private String quantize(int src, String f, String name, NodeTag tag) {
        String[] s = scaleOf(src);
        return out.node("QuantizeLinear", name, List.of(f, s[0], s[1]), out.fresh(f + "_quantized"), activations.elementType(),
                out.value(f).shape(), tag);
    }

    private String dequantize(int src, String q, NodeTag tag) {
        String[] s = scaleOf(src);
        String base = floatValue.get(src) == null ? q : floatValue.get(src);
        return out.node("DequantizeLinear", tag.group() + "/dequantize_" + grouped.graph().layer(src).name(),
                List.of(q, s[0], s[1]), out.fresh(base + "_dequantized"), OnnxTensors.FLOAT, out.value(q).shape(), tag);
    }

    private String cast(String v, int to, NodeTag tag) {
        return out.node("Cast", tag.group() + "/cast_" + v, List.of(v), out.fresh(v + "_" + OnnxTensors.typeName(to)),
                to, out.value(v).shape(), tag, integer("to", to));
    }

    /** The activation scale of a layer's output: the project's calibration, a power of two. */
    private float scale(int layer) {
        return Requantize.scale(scales.log2(layer));
    }

    private String[] scaleOf(int layer) {
        return scaleInitializers.computeIfAbsent(layer, k -> {
            String n = grouped.graph().layer(layer).name();
            String s = out.initializer(OnnxTensors.floats(n + ".scale", List.of(), new float[] {scale(layer)},
                    OnnxTensors.FLOAT));
            String z = out.initializer(OnnxTensors.bytes(n + ".zero_point", List.of(), activations.elementType(),
                    new byte[] {activations.zeroPoint()}));
            return new String[] {s, z};
        });
    }

    private static boolean isInteger(DType t) {
        return t == DType.INT32 || t == DType.INT64;
    }

    private OnnxModels models(String description, ModelWeights weights) {
        Graph g = grouped.graph();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("hetplace.model", g.name());
        meta.put("hetplace.weights", weights.source().toString());
        meta.put("hetplace.calibration", scales.mode().id());
        List<GraphAssembly.Tagged> all = out.nodes();
        ModelProto whole = model(g.name(), all, inputNames, outputNames, description, meta);
        int regions = all.isEmpty() ? 0 : all.get(all.size() - 1).tag().region() + 1;
        for (GraphAssembly.Tagged t : all) {
            regions = Math.max(regions, t.tag().region() + 1);
        }
        List<OnnxModels.Partition> parts = new ArrayList<>();
        if (regions > 1) {
            for (int r = 0; r < regions; r++) {
                parts.add(partition(r, all, description, meta));
            }
        }
        return new OnnxModels(whole, inputNames, outputNames, parts);
    }

    private OnnxModels.Partition partition(int region, List<GraphAssembly.Tagged> all, String description,
                                           Map<String, String> meta) {
        List<GraphAssembly.Tagged> mine = all.stream().filter(t -> t.tag().region() == region).toList();
        Set<String> produced = new LinkedHashSet<>();
        for (GraphAssembly.Tagged t : mine) {
            produced.addAll(t.node().getOutputList());
        }
        Set<String> ins = new LinkedHashSet<>();
        for (GraphAssembly.Tagged t : mine) {
            for (String i : t.node().getInputList()) {
                if (!i.isEmpty() && !produced.contains(i) && !out.isInitializer(i)) {
                    ins.add(i);
                }
            }
        }
        Set<String> outs = new LinkedHashSet<>();
        for (GraphAssembly.Tagged t : all) {
            if (t.tag().region() != region) {
                t.node().getInputList().stream().filter(produced::contains).forEach(outs::add);
            }
        }
        outputNames.stream().filter(produced::contains).forEach(outs::add);
        List<String> orderedOuts = produced.stream().filter(outs::contains).toList();
        String device = mine.get(0).tag().device();
        List<String> groups = mine.stream().map(t -> t.tag().group()).distinct().toList();
        Map<String, String> m = new LinkedHashMap<>(meta);
        m.put("hetplace.region", Integer.toString(region));
        m.put("hetplace.device", device);
        ModelProto model = model(grouped.graph().name() + ".part" + region, mine, List.copyOf(ins), orderedOuts,
                description, m);
        return new OnnxModels.Partition(region, device, model, List.copyOf(ins), orderedOuts, groups);
    }

    private ModelProto model(String name, List<GraphAssembly.Tagged> nodes, List<String> inputs, List<String> outputs,
                             String description, Map<String, String> meta) {
        GraphProto.Builder gb = GraphProto.newBuilder().setName(name);
        Set<String> used = new LinkedHashSet<>();
        for (GraphAssembly.Tagged t : nodes) {
            NodeProto n = t.node();
            gb.addNode(n);
            n.getInputList().stream().filter(out::isInitializer).forEach(used::add);
        }
        for (String i : used) {
            gb.addInitializer(out.initializers().get(i));
        }
        for (String i : inputs) {
            gb.addInput(valueInfo(i));
        }
        for (String o : outputs) {
            gb.addOutput(valueInfo(o));
        }
        ModelProto.Builder mb = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("hetplace")
                .setProducerVersion(dev.hetplace.planner.provenance.BuildInfo.version()).setDocString(description)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setGraph(gb);
        meta.forEach((k, v) -> mb.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return mb.build();
    }

    private ValueInfoProto valueInfo(String name) {
        GraphAssembly.Value v = out.value(name);
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        v.shape().forEach(d -> shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d)));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(v.type()).setShape(shape))).build();
    }

    /** Every node's {@code hetplace.*} metadata_props in a serialized export, by node name. */
    public static Map<String, Map<String, String>> metadataByNode(byte[] model) {
        return GraphAssembly.metadataByNode(model);
    }
}
