package dev.hetplace.backends.exec;

import java.util.Locale;

/** What the user asked for ({@code --weights}): the model's weights, synthetic ones, or whichever exists. */
public enum WeightMode {
    AUTO, ONNX, SYNTHETIC;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WeightMode parse(String s) {
        for (WeightMode m : values()) {
            if (m.id().equals(s.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown weights '" + s + "' (known: auto, onnx, synthetic)");
    }
}
