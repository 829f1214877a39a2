package dev.hetplace.backends.ort;

import ai.onnxruntime.OrtEnvironment;
import java.util.Locale;

/**
 * The process's ONNX Runtime environment (the CPU provider's native library ships inside the onnxruntime jar for
 * linux-x64, linux-aarch64, osx-aarch64 and win-x64). A native library that fails to load becomes one
 * {@link OrtUnavailableException} naming this platform.
 */
public final class OrtRuntime {
    public static final String VERSION = "1.24.2";

    private OrtRuntime() {
    }

    public static OrtEnvironment environment() {
        try {
            return OrtEnvironment.getEnvironment();
        } catch (LinkageError | IllegalStateException e) {
            throw new OrtUnavailableException("ONNX Runtime " + VERSION + " could not load its native library on "
                    + platform() + ": " + firstLine(e));
        }
    }

    /** This JVM's platform as ONNX Runtime's jar names its native folders, e.g. {@code linux-x64}. */
    public static String platform() {
        String os = System.getProperty("os.name", "?").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "?").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : os;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : arch;
        return o + "-" + a;
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + " " + root.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
