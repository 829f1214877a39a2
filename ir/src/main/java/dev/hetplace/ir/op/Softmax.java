package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

public record Softmax(int axis) implements Op {
    @Override
    public String name() {
        return "softmax";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        int rank = inputs.get(0).rank();
        if (axis < -rank || axis >= rank) {
            throw new ShapeException("softmax axis " + axis + " out of range for " + inputs.get(0).shape());
        }
        return inputs.get(0);
    }
}
