package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/**
 * An operator hetplace does not model (imported from ONNX as is). It runs on the CPU only and is costed by
 * the bytes it touches; its output shape is whatever the importer could determine.
 */
public record Opaque(String opType, TensorType output, long paramCount) implements Op {
    @Override
    public String name() {
        return "opaque:" + opType;
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        return output;
    }

    @Override
    public long params(List<TensorType> inputs) {
        return paramCount;
    }
}
