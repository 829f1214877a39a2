package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Typed access to a node's attributes with the defaults the ONNX operator spec gives. */
final class NodeAttributes {
    private final Map<String, AttributeProto> byName = new HashMap<>();

    NodeAttributes(NodeProto node) {
        for (AttributeProto a : node.getAttributeList()) {
            byName.put(a.getName(), a);
        }
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    long integer(String name, long fallback) {
        AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getI();
    }

    int integerAsInt(String name, int fallback) {
        return Math.toIntExact(integer(name, fallback));
    }

    double real(String name, double fallback) {
        AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getF();
    }

    String string(String name, String fallback) {
        AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getS().toString(StandardCharsets.UTF_8);
    }

    /** An integer list attribute; {@code fallback} when absent (may be null). */
    List<Long> integers(String name, List<Long> fallback) {
        AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getIntsList();
    }

    List<Float> reals(String name) {
        AttributeProto a = byName.get(name);
        return a == null ? null : a.getFloatsList();
    }

    TensorProto tensor(String name) {
        AttributeProto a = byName.get(name);
        return a == null || !a.hasT() ? null : a.getT();
    }
}
