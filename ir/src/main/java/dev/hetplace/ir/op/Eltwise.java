package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/**
 * Element-wise binary op with broadcasting. With one input the second operand is a constant of shape
 * {@code constantShape} (a bias or scale held as parameters); with two inputs both are activations.
 * A rank-0 constant ({@code constantShape} {@code []}) is a fixed scalar such as attention's 1 / sqrt(d), not a
 * learned tensor, and counts no parameters (PyTorch and Hugging Face do not count it either). A {@code fixed}
 * constant (an attention mask, a relative-position bias computed from parameters) is not learned either and
 * counts none.
 */
public record Eltwise(EltwiseKind kind, List<Integer> constantShape, boolean fixed) implements Op {

    public Eltwise {
        constantShape = constantShape == null ? null : List.copyOf(constantShape);
    }

    public static Eltwise of(EltwiseKind kind) {
        return new Eltwise(kind, null, false);
    }

    public static Eltwise withConstant(EltwiseKind kind, List<Integer> shape) {
        return new Eltwise(kind, shape, false);
    }

    /** A constant operand that is not a learned parameter (computed from buffers or shapes). */
    public static Eltwise withFixedConstant(EltwiseKind kind, List<Integer> shape) {
        return new Eltwise(kind, shape, true);
    }

    /**
     * As the record's own, without {@code fixed} unless it is set: the text is part of a model's content hash, so
     * models without fixed constants keep the hashes (and cache keys) they had before the field existed.
     */
    @Override
    public String toString() {
        return "Eltwise[kind=" + kind + ", constantShape=" + constantShape + (fixed ? ", fixed=true" : "") + "]";
    }

    public boolean hasConstant() {
        return constantShape != null;
    }

    @Override
    public String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        if (hasConstant()) {
            Op.requireArity(this, inputs, 1);
            return inputs.get(0).withShape(Broadcast.shape(inputs.get(0).shape(), constantShape));
        }
        Op.requireArity(this, inputs, 2);
        if (inputs.get(0).dtype() != inputs.get(1).dtype()) {
            throw new ShapeException(name() + " inputs differ in type: " + inputs.get(0) + " and " + inputs.get(1));
        }
        return inputs.get(0).withShape(Broadcast.shape(inputs.get(0).shape(), inputs.get(1).shape()));
    }

    @Override
    public long params(List<TensorType> inputs) {
        if (!hasConstant() || constantShape.isEmpty() || fixed) {
            return 0;
        }
        long n = 1;
        for (int d : constantShape) {
            n *= d;
        }
        return n;
    }
}
