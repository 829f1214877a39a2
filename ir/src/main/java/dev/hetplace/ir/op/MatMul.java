package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;

/** Batched matrix product of two activations (attention scores and context), with optional transposes. */
public record MatMul(boolean transA, boolean transB) implements Op {

    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 2);
        TensorType a = inputs.get(0);
        TensorType b = inputs.get(1);
        if (a.rank() < 2 || b.rank() < 2) {
            throw new ShapeException("matmul needs inputs of rank >= 2, got " + a.shape() + " and " + b.shape());
        }
        int m = transA ? a.dim(-1) : a.dim(-2);
        int ka = transA ? a.dim(-2) : a.dim(-1);
        int kb = transB ? b.dim(-1) : b.dim(-2);
        int n = transB ? b.dim(-2) : b.dim(-1);
        if (ka != kb) {
            throw new ShapeException("matmul inner dimensions differ: " + a.shape() + " x " + b.shape()
                    + (transA ? " (A transposed)" : "") + (transB ? " (B transposed)" : ""));
        }
        List<Integer> batch = Broadcast.shape(a.shape().subList(0, a.rank() - 2), b.shape().subList(0, b.rank() - 2));
        List<Integer> out = new ArrayList<>(batch);
        out.add(m);
        out.add(n);
        return a.withShape(out);
    }

    @Override
    public long macs(List<TensorType> inputs, TensorType output) {
        TensorType a = inputs.get(0);
        return output.elements() * (transA ? a.dim(-2) : a.dim(-1));
    }
}
