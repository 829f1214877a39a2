package dev.hetplace.backends.exec;

/** Weights were asked for that the model does not have (a weightless ONNX run with weights=onnx, a missing tensor). */
public class MissingWeightsException extends IllegalArgumentException {
    public MissingWeightsException(String message) {
        super(message);
    }
}
