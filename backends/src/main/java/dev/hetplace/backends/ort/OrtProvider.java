package dev.hetplace.backends.ort;

import java.util.Locale;

/**
 * The ONNX Runtime execution provider a session runs on: the CPU provider (in the Maven Central jar the project
 * ships) or CUDA, which only {@code com.microsoft.onnxruntime:onnxruntime_gpu} on an NVIDIA machine provides
 * (nodes CUDA has no kernel for fall back to the CPU provider inside the same session).
 */
public enum OrtProvider {
    CPU, CUDA;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrtProvider parse(String id) {
        for (OrtProvider p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown ONNX Runtime provider '" + id + "' (known: cpu, cuda)");
    }
}
