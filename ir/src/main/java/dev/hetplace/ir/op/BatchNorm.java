package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/** Inference batch normalization over axis 1; its learned parameters are scale and shift (2 x C). */
public record BatchNorm(double epsilon) implements Op {
    @Override
    public String name() {
        return "batch_norm";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        if (inputs.get(0).rank() < 2) {
            throw new dev.hetplace.ir.tensor.ShapeException("batch_norm needs rank >= 2, got " + inputs.get(0).shape());
        }
        return inputs.get(0);
    }

    @Override
    public long params(List<TensorType> inputs) {
        return 2L * inputs.get(0).dim(1);
    }
}
