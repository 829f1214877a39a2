package dev.hetplace.planner.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.UnknownFieldSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes, initializers and value types of an export as they are emitted, each node tagged with its group and
 * region. Node and value names are unique: a name already taken gets a numeric suffix.
 */
final class GraphAssembly {
    /** NodeProto.metadata_props (ONNX IR version 10); the project's ONNX classes predate the field. */
    static final int NODE_METADATA_PROPS = 9;

    /** An emitted value: its element type and shape. */
    record Value(int type, List<Integer> shape) {
    }

    record Tagged(NodeProto node, NodeTag tag) {
    }

    private final List<Tagged> nodes = new ArrayList<>();
    private final Map<String, TensorProto> initializers = new LinkedHashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    private final Set<String> nodeNames = new HashSet<>();

    List<Tagged> nodes() {
        return nodes;
    }

    Map<String, TensorProto> initializers() {
        return initializers;
    }

    Value value(String name) {
        return values.get(name);
    }

    boolean isInitializer(String name) {
        return initializers.containsKey(name);
    }

    /** A fresh value name starting with {@code base}. */
    String fresh(String base) {
        String n = base;
        for (int i = 1; values.containsKey(n) || initializers.containsKey(n); i++) {
            n = base + "_" + i;
        }
        return n;
    }

    void declare(String name, int type, List<Integer> shape) {
        values.put(name, new Value(type, List.copyOf(shape)));
    }

    String initializer(TensorProto t) {
        String name = fresh(t.getName());
        TensorProto named = name.equals(t.getName()) ? t : t.toBuilder().setName(name).build();
        initializers.put(name, named);
        List<Integer> dims = named.getDimsList().stream().map(Long::intValue).toList();
        values.put(name, new Value(named.getDataType(), dims));
        return name;
    }

    /** Adds a node reading {@code inputs} and writing one output of {@code type} and {@code shape}; returns it. */
    String node(String opType, String name, List<String> inputs, String output, int type, List<Integer> shape,
                NodeTag tag, AttributeProto... attributes) {
        declare(output, type, shape);
        String n = name;
        for (int i = 1; !nodeNames.add(n); i++) {
            n = name + "_" + i;
        }
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(opType).setName(n).addAllInput(inputs).addOutput(output);
        for (AttributeProto a : attributes) {
            b.addAttribute(a);
        }
        b.setUnknownFields(metadata(tag));
        nodes.add(new Tagged(b.build(), tag));
        return output;
    }

    private static UnknownFieldSet metadata(NodeTag tag) {
        UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
        f.addLengthDelimited(entry("hetplace.device", tag.device()));
        f.addLengthDelimited(entry("hetplace.group", tag.group()));
        f.addLengthDelimited(entry("hetplace.precision", tag.precision()));
        return UnknownFieldSet.newBuilder().addField(NODE_METADATA_PROPS, f.build()).build();
    }

    private static com.google.protobuf.ByteString entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build().toByteString();
    }

    /**
     * Every node's metadata_props in serialized model bytes, by node name. Read from the wire format (ModelProto
     * field 7 graph, GraphProto field 1 node, NodeProto field 3 name and 9 metadata_props): the project's ONNX
     * classes predate the field and drop it when parsing.
     */
    static Map<String, Map<String, String>> metadataByNode(byte[] model) {
        Map<String, Map<String, String>> byNode = new LinkedHashMap<>();
        try {
            UnknownFieldSet m = UnknownFieldSet.parseFrom(model);
            for (com.google.protobuf.ByteString graph : m.getField(7).getLengthDelimitedList()) {
                for (com.google.protobuf.ByteString node : UnknownFieldSet.parseFrom(graph).getField(1)
                        .getLengthDelimitedList()) {
                    UnknownFieldSet n = UnknownFieldSet.parseFrom(node);
                    String name = n.getField(3).getLengthDelimitedList().isEmpty() ? ""
                            : n.getField(3).getLengthDelimitedList().get(0).toStringUtf8();
                    Map<String, String> meta = new LinkedHashMap<>();
                    for (com.google.protobuf.ByteString e : n.getField(NODE_METADATA_PROPS).getLengthDelimitedList()) {
                        StringStringEntryProto entry = StringStringEntryProto.parseFrom(e);
                        meta.put(entry.getKey(), entry.getValue());
                    }
                    byNode.put(name, meta);
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage());
        }
        return byNode;
    }
}
