package dev.hetplace.ir.onnx;

/** What an ONNX value name stands for during import: a known constant, or the output of an IR layer. */
sealed interface OnnxValue {

    record Known(ConstTensor tensor) implements OnnxValue {
    }

    record Produced(int layer) implements OnnxValue {
    }
}
