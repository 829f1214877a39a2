package dev.hetplace.ir.onnx;

/** An ONNX file hetplace cannot import; the one-line message names the file and, where there is one, the node. */
public class OnnxImportException extends IllegalArgumentException {
    public OnnxImportException(String message) {
        super(message);
    }
}
