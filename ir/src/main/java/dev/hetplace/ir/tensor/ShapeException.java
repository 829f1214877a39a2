package dev.hetplace.ir.tensor;

/** A layer's inputs do not fit its operator (wrong rank, mismatched channels, non-broadcastable shapes). */
public class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }
}
