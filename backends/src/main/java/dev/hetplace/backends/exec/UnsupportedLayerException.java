package dev.hetplace.backends.exec;

/** A layer has no kernel (an opaque ONNX op, an op at a precision nothing implements); names op and layer. */
public class UnsupportedLayerException extends IllegalArgumentException {
    public UnsupportedLayerException(String message) {
        super(message);
    }
}
