package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/** Layer normalization over the last axis with learned scale and shift. */
public record LayerNorm(double epsilon) implements Op {
    @Override
    public String name() {
        return "layer_norm";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        return inputs.get(0);
    }

    @Override
    public long params(List<TensorType> inputs) {
        return 2L * inputs.get(0).dim(-1);
    }
}
