package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/** A graph input (image or token ids); it computes nothing. */
public record Input(TensorType type) implements Op {
    public Input {
        if (type == null) {
            throw new dev.hetplace.ir.tensor.ShapeException("an input needs a type (shape and dtype)");
        }
    }

    @Override
    public String name() {
        return "input";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 0);
        return type;
    }
}
