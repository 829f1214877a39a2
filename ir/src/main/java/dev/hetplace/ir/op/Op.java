package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/** An operator. Each record infers its output from its inputs and counts its own MACs and parameters. */
public sealed interface Op
        permits Input, Conv2d, Dense, MatMul, Pool, GlobalPool, Eltwise, Activation, BatchNorm, LayerNorm,
                Softmax, Concat, Reshape, Flatten, Transpose, Upsample, Embedding, Opaque {

    /** Lower-case operator name as reports print it, e.g. {@code conv2d}. */
    String name();

    /** Output type for the given inputs; throws {@link ShapeException} when they do not fit. */
    TensorType infer(List<TensorType> inputs);

    /** Multiply-accumulates for one evaluation (batch as in the input shapes). */
    default long macs(List<TensorType> inputs, TensorType output) {
        return 0;
    }

    /** Learned parameters (weights, biases, affine scale and shift), as PyTorch counts them. */
    default long params(List<TensorType> inputs) {
        return 0;
    }

    static void requireArity(Op op, List<TensorType> inputs, int expected) {
        if (inputs.size() != expected) {
            throw new ShapeException(op.name() + " takes " + expected + " input(s), got " + inputs.size());
        }
    }

    static void requireRank(Op op, TensorType t, int rank) {
        if (t.rank() != rank) {
            throw new ShapeException(op.name() + " needs a rank-" + rank + " input, got " + t.shape());
        }
    }
}
