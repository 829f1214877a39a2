package dev.hetplace.backends.ort;

/**
 * How an exported model runs in ONNX Runtime: intra-op threads, whether per-node profiling is on, the
 * optimization level ({@code all}: ORT fuses Conv+Relu, Conv+Add+Relu and DQ -> op -> Q into int8 kernels), and
 * whether pool threads spin while waiting for work ({@code session.intra_op.allow_spinning}, as a deployed session
 * does by default), and the execution provider (the CPU unless a GPU script asks for CUDA). A spinning pool stops
 * spinning when its session's run returns ({@code session.force_spinning_stop}): ORT's workers otherwise spin on
 * after the run, and with several sessions open in one process (a chained plan's partitions, or plans timed in
 * interleaved rounds) the last session's spinning workers take the cores the next session runs on; at 2 threads on
 * 2 cores that made every run 1.5-2.5x slower than the same session measured alone.
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

    public OrtSettings on(OrtProvider p) {
        return new OrtSettings(threads, profile, optimizeAll, spin, p);
    }
}
