package dev.hetplace.backends.ort;

/**
 * How an exported model runs in ONNX Runtime: intra-op threads, whether per-node profiling is on, the
 * optimization level ({@code all}: ORT fuses Conv+Relu, Conv+Add+Relu and DQ -> op -> Q into int8 kernels), and
 * whether idle pool threads spin ({@code session.intra_op.allow_spinning}; off for chained sessions, whose pools
 * would otherwise spin against each other), and the execution provider (the CPU unless a GPU script asks for CUDA).
 */
public record OrtSettings(int threads, boolean profile, boolean optimizeAll, boolean spin, OrtProvider provider) {
    public OrtSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("ONNX Runtime threads must be at least 1, got " + threads);
        }
    }

    /** On the CPU provider. */
    public OrtSettings(int threads, boolean profile, boolean optimizeAll, boolean spin) {
        this(threads, profile, optimizeAll, spin, OrtProvider.CPU);
    }

    public static OrtSettings threads(int n) {
        return new OrtSettings(n, false, true, true);
    }

    public OrtSettings profiled() {
        return new OrtSettings(threads, true, optimizeAll, spin, provider);
    }

    public OrtSettings withoutSpinning() {
        return new OrtSettings(threads, profile, optimizeAll, false, provider);
    }

    public OrtSettings on(OrtProvider p) {
        return new OrtSettings(threads, profile, optimizeAll, spin, p);
    }
}
