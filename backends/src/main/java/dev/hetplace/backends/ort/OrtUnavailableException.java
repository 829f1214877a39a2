package dev.hetplace.backends.ort;

/** ONNX Runtime cannot run here (its native library did not load); the message names the platform. */
public final class OrtUnavailableException extends IllegalArgumentException {
    public OrtUnavailableException(String message) {
        super(message);
    }
}
