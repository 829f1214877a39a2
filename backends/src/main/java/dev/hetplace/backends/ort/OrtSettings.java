package dev.hetplace.backends.ort;

/**
 * How an exported model runs in ONNX Runtime: intra-op threads, whether per-node profiling is on, and the
 * optimization level ({@code all}: ORT fuses Conv+Relu, Conv+Add+Relu and DQ -> op -> Q into int8 kernels).
 */
public record OrtSettings(int threads, boolean profile, boolean optimizeAll) {
    public OrtSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("ONNX Runtime threads must be at least 1, got " + threads);
        }
    }

    public static OrtSettings threads(int n) {
        return new OrtSettings(n, false, true);
    }

    public OrtSettings profiled() {
        return new OrtSettings(threads, true, optimizeAll);
    }
}
