package dev.hetplace.backends.exec;

/**
 * Which weights an execution used: the model's own (ONNX initializers) or deterministic synthetic ones from a
 * seed. {@link #toString()} is how every report prints it: {@code onnx} or {@code synthetic(seed=42)}.
 */
public record WeightSource(Kind kind, long seed) {

    public enum Kind { ONNX, SYNTHETIC }

    public static WeightSource onnx() {
        return new WeightSource(Kind.ONNX, 0);
    }

    public static WeightSource synthetic(long seed) {
        return new WeightSource(Kind.SYNTHETIC, seed);
    }

    public boolean isSynthetic() {
        return kind == Kind.SYNTHETIC;
    }

    @Override
    public String toString() {
        return kind == Kind.ONNX ? "onnx" : "synthetic(seed=" + seed + ")";
    }
}
