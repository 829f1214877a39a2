package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphException;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.Weights;
import dev.hetplace.ir.op.Input;
import dev.hetplace.ir.op.Op;
import dev.hetplace.ir.tensor.DType;
import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one import: what every ONNX value name stands for, the IR layers emitted so far with their
 * weights, and what the file declares about value shapes. Errors name the file and the node.
 */
final class ImportContext {
    private final String source;
    private final int opset;
    private final GraphProto graph;
    private final Map<String, OnnxValue> values = new HashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, Map<String, float[]>> weights = new LinkedHashMap<>();
    private final Map<String, ValueInfoProto> declared = new HashMap<>();
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();

    ImportContext(String source, int opset, GraphProto graph) {
        this.source = source;
        this.opset = opset;
        this.graph = graph;
        for (ValueInfoProto v : graph.getValueInfoList()) {
            declared.put(v.getName(), v);
        }
        for (ValueInfoProto v : graph.getOutputList()) {
            declared.put(v.getName(), v);
            graphOutputs.add(v.getName());
        }
        for (NodeProto n : graph.getNodeList()) {
            for (String out : n.getOutputList()) {
                producers.put(out, n);
            }
            for (String in : new HashSet<>(n.getInputList())) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
    }

    String source() {
        return source;
    }

    int opset() {
        return opset;
    }

    OnnxImportException fail(String message) {
        return new OnnxImportException(source + ": " + message);
    }

    OnnxImportException fail(NodeProto node, String message) {
        return fail("node " + NodeOrder.label(node) + ": " + message);
    }

    // ---- values

    boolean isDefined(String name) {
        return values.containsKey(name);
    }

    boolean isGraphOutput(String name) {
        return graphOutputs.contains(name);
    }

    void define(String name, OnnxValue v) {
        if (!name.isEmpty()) {
            values.put(name, v);
        }
    }

    /** The value an input slot reads, or null for an absent optional input (name "" or index past the end). */
    OnnxValue input(NodeProto node, int index) {
        if (index >= node.getInputCount() || node.getInput(index).isEmpty()) {
            return null;
        }
        return values.get(node.getInput(index));
    }

    ConstTensor constant(NodeProto node, int index) {
        return input(node, index) instanceof OnnxValue.Known k ? k.tensor() : null;
    }

    /** A constant input whose values are needed (a shape, axes, scales); null when the input is absent. */
    ConstTensor constantWithData(NodeProto node, int index, String role) {
        OnnxValue v = input(node, index);
        if (v == null) {
            return null;
        }
        if (!(v instanceof OnnxValue.Known k)) {
            throw new Unsupported(role + " '" + node.getInput(index) + "' is computed at run time");
        }
        if (!k.tensor().hasData()) {
            throw fail(node, role + " '" + node.getInput(index) + "' has no data");
        }
        return k.tensor();
    }

    /** The layer an input slot reads, or -1 when it is a constant or absent. */
    int activation(NodeProto node, int index) {
        return input(node, index) instanceof OnnxValue.Produced p ? p.layer() : -1;
    }

    /** A constant known without running the graph: folded already, or held by a Constant node not yet visited. */
    ConstTensor staticConstant(String name) {
        OnnxValue v = values.get(name);
        if (v instanceof OnnxValue.Known k) {
            return k.tensor();
        }
        NodeProto p = producers.get(name);
        if (v == null && p != null && p.getOpType().equals("Constant") && p.getDomain().isEmpty()) {
            return ConstantNodes.constantNodeValue(this, p);
        }
        return null;
    }

    NodeProto producer(String name) {
        return producers.get(name);
    }

    List<NodeProto> consumers(String name) {
        return consumers.getOrDefault(name, List.of());
    }

    /** True when only {@code node} reads the value and the graph does not output it. */
    boolean onlyReadBy(String value, NodeProto node) {
        List<NodeProto> users = consumers(value);
        return users.size() == 1 && users.get(0) == node && !graphOutputs.contains(value);
    }

    // ---- declared shapes

    /** The static type the file declares for a value (value_info or graph output), or null. */
    TensorType declaredType(String name) {
        ValueInfoProto v = declared.get(name);
        return v == null ? null : staticType(v.getType(), false);
    }

    static TensorType staticType(TypeProto type, boolean batchOne) {
        if (!type.hasTensorType() || !type.getTensorType().hasShape()) {
            return null;
        }
        DType dtype = OnnxTypes.dtype(type.getTensorType().getElemType());
        if (dtype == null) {
            return null;
        }
        List<Integer> dims = new ArrayList<>();
        List<TensorShapeProto.Dimension> ds = type.getTensorType().getShape().getDimList();
        for (int i = 0; i < ds.size(); i++) {
            TensorShapeProto.Dimension d = ds.get(i);
            if (d.hasDimValue() && d.getDimValue() > 0) {
                dims.add(Math.toIntExact(d.getDimValue()));
            } else if (batchOne && i == 0) {
                dims.add(1);
            } else {
                return null;
            }
        }
        return new TensorType(dims, dtype);
    }

    // ---- layers

    TensorType type(int layer) {
        return layers.get(layer).output();
    }

    Layer layer(int id) {
        return layers.get(id);
    }

    /** The node's layer name: its ONNX name, or its first output when unnamed. */
    static String baseName(NodeProto node) {
        if (!node.getName().isEmpty()) {
            return node.getName();
        }
        return node.getOutputCount() > 0 && !node.getOutput(0).isEmpty() ? node.getOutput(0) : node.getOpType();
    }

    String uniqueName(String base) {
        String n = base;
        for (int k = 1; names.contains(n); k++) {
            n = base + "_" + k;
        }
        return n;
    }

    int emitInput(String name, TensorType type) {
        return append(uniqueName(name), new Input(type), List.of(), type);
    }

    /** Adds a layer for {@code node}, inferring its output; a shape that does not fit is the node's error. */
    int emit(NodeProto node, String name, Op op, List<Integer> inputs) {
        List<TensorType> ins = inputs.stream().map(this::type).toList();
        TensorType out;
        try {
            out = op.infer(ins);
        } catch (ShapeException e) {
            throw fail(node, e.getMessage());
        }
        return append(uniqueName(name), op, inputs, out);
    }

    private int append(String name, Op op, List<Integer> inputs, TensorType out) {
        names.add(name);
        int id = layers.size();
        layers.add(new Layer(id, name, op, inputs, out));
        return id;
    }

    /** Emits the layer that stands for {@code node}'s first output, under the node's name, and binds it. */
    int emitFor(NodeProto node, Op op, List<Integer> inputs) {
        int id = emit(node, baseName(node), op, inputs);
        define(node.getOutput(0), new OnnxValue.Produced(id));
        checkDeclared(node, node.getOutput(0), id);
        return id;
    }

    /** The layer an input reads; a constant or absent input here is a configuration the IR does not model. */
    int requireActivation(NodeProto node, int index) {
        OnnxValue v = input(node, index);
        if (v == null) {
            throw fail(node, "lacks input " + index);
        }
        if (!(v instanceof OnnxValue.Produced p)) {
            throw new Unsupported("input " + index + " is a constant");
        }
        return p.layer();
    }

    /** Swaps a layer's op for one with the same output (a dense layer gaining the bias that follows it). */
    void replaceOp(int id, Op op) {
        Layer l = layers.get(id);
        layers.set(id, new Layer(id, l.name(), op, l.inputs(), l.output()));
    }

    void putWeight(int layer, String key, float[] data) {
        weights.computeIfAbsent(layers.get(layer).name(), k -> new LinkedHashMap<>()).put(key, data);
    }

    /** Checks a layer's inferred output against the shape the file declares for the ONNX value, if any. */
    void checkDeclared(NodeProto node, String value, int layer) {
        TensorType want = declaredType(value);
        if (want != null && !want.shape().equals(type(layer).shape())) {
            throw fail(node, "output '" + value + "' is declared " + want.shape() + " but its inputs give "
                    + type(layer).shape());
        }
    }

    /** The finished graph: layers no output depends on (absorbed by pattern matching) are dropped. */
    Graph build(String name) {
        List<Integer> outs = new ArrayList<>();
        for (ValueInfoProto o : graph.getOutputList()) {
            OnnxValue v = values.get(o.getName());
            if (v == null) {
                throw fail("graph output '" + o.getName() + "' is not produced by any node");
            }
            if (!(v instanceof OnnxValue.Produced p)) {
                throw fail("graph output '" + o.getName() + "' is a constant; hetplace needs computed outputs");
            }
            outs.add(p.layer());
        }
        if (outs.isEmpty()) {
            throw fail("the graph declares no outputs");
        }
        boolean[] live = new boolean[layers.size()];
        for (int o : outs) {
            live[o] = true;
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            if (l.op() instanceof Input) {
                live[i] = true;
            }
            if (live[i]) {
                for (int in : l.inputs()) {
                    live[in] = true;
                }
            }
        }
        int[] remap = new int[layers.size()];
        List<Layer> kept = new ArrayList<>();
        Map<String, Map<String, float[]>> keptWeights = new LinkedHashMap<>();
        for (Layer l : layers) {
            if (!live[l.id()]) {
                continue;
            }
            remap[l.id()] = kept.size();
            kept.add(new Layer(kept.size(), l.name(), l.op(), l.inputs().stream().map(i -> remap[i]).toList(),
                    l.output()));
            if (weights.containsKey(l.name())) {
                keptWeights.put(l.name(), weights.get(l.name()));
            }
        }
        try {
            return new Graph(name, kept, outs.stream().map(o -> remap[o]).toList(),
                    keptWeights.isEmpty() ? Weights.NONE : new Weights(keptWeights));
        } catch (GraphException e) {
            throw fail(e.getMessage());
        }
    }

    /** A node the importer recognises but cannot model in this configuration; it becomes an Opaque layer. */
    static final class Unsupported extends RuntimeException {
        private final transient TensorType output;

        Unsupported(String why) {
            this(why, null);
        }

        /** {@code output}: the shape the importer could still work out for the opaque layer, or null. */
        Unsupported(String why, TensorType output) {
            super(why, null, false, false);
            this.output = output;
        }

        TensorType output() {
            return output;
        }
    }
}
