package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * Fully connected layer (ONNX Gemm with a constant weight, nn.Linear): y = x W^T + b over the last axis,
 * any leading axes kept (so BERT's [1, 128, 768] projections are dense too).
 */
public record Dense(int units, boolean bias) implements Op {

    public Dense {
        if (units <= 0) {
            throw new ShapeException("dense units must be positive, got " + units);
        }
    }

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        TensorType in = inputs.get(0);
        if (in.rank() < 2) {
            throw new ShapeException("dense needs an input of rank >= 2, got " + in.shape());
        }
        List<Integer> out = new ArrayList<>(in.shape());
        out.set(out.size() - 1, units);
        return in.withShape(out);
    }

    public int inFeatures(TensorType input) {
        return input.dim(-1);
    }

    @Override
    public long macs(List<TensorType> inputs, TensorType output) {
        return output.elements() * inputs.get(0).dim(-1);
    }

    @Override
    public long params(List<TensorType> inputs) {
        return (long) units * inputs.get(0).dim(-1) + (bias ? units : 0);
    }
}
