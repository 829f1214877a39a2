package dev.hetplace.backends.ort;

/** ONNX Runtime refused or failed to run a model (an op it has no kernel for, ...); one line, naming the node. */
public final class OrtRunException extends IllegalArgumentException {
    public OrtRunException(String message) {
        super(message);
    }
}
