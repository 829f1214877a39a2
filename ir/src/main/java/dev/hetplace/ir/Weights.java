package dev.hetplace.ir;

import java.util.Map;
import java.util.TreeMap;

/**
 * Parameter tensors of a graph, by layer name (for a conv: {@code weight} in OIHW and optional {@code bias};
 * batch norm: {@code scale}, {@code bias}, {@code mean}, {@code var}). Empty when the model has no weights
 * (zoo models and shape-only ONNX files), in which case execution uses synthetic weights.
 */
public record Weights(Map<String, Map<String, float[]>> byLayer) {
    public static final Weights NONE = new Weights(Map.of());

    public Weights {
        TreeMap<String, Map<String, float[]>> copy = new TreeMap<>();
        byLayer.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        byLayer = java.util.Collections.unmodifiableMap(copy);
    }

    public boolean isEmpty() {
        return byLayer.isEmpty();
    }

    public float[] get(String layer, String param) {
        Map<String, float[]> m = byLayer.get(layer);
        return m == null ? null : m.get(param);
    }
}
