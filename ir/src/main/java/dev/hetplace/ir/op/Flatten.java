package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/** ONNX Flatten: dimensions before {@code axis} become one, the rest another. */
public record Flatten(int axis) implements Op {
    @Override
    public String name() {
        return "flatten";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        TensorType in = inputs.get(0);
        int ax = axis < 0 ? axis + in.rank() : axis;
        if (ax < 0 || ax > in.rank()) {
            throw new dev.hetplace.ir.tensor.ShapeException("flatten axis " + axis + " out of range for " + in.shape());
        }
        long outer = 1;
        for (int i = 0; i < ax; i++) {
            outer *= in.dim(i);
        }
        return in.withShape(List.of((int) outer, (int) (in.elements() / outer)));
    }
}
