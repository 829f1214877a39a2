package dev.hetplace.ir.tensor;

import java.util.List;
import java.util.stream.Collectors;

/** The shape (NCHW for images, [batch, ..., features] otherwise) and element type of a tensor. */
public record TensorType(List<Integer> shape, DType dtype) {

    /**
     * The most elements one tensor may hold: Java arrays (which execute it) index with an int, and the cost
     * tables multiply element counts by the batch in a long.
     */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE;

    public TensorType {
        if (shape == null || shape.stream().anyMatch(java.util.Objects::isNull)) {
            throw new ShapeException("a tensor type needs a shape of integers");
        }
        if (dtype == null) {
            throw new ShapeException("a tensor type needs a dtype");
        }
        shape = List.copyOf(shape);
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new ShapeException("non-positive dimension in shape " + shape);
            }
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new ShapeException("shape " + shape + " has more than " + MAX_ELEMENTS
                        + " elements (2^31-1, the most one tensor may hold); use a smaller input shape");
            }
        }
    }

    public static TensorType of(DType dtype, int... dims) {
        return new TensorType(java.util.Arrays.stream(dims).boxed().toList(), dtype);
    }

    public static TensorType fp32(int... dims) {
        return of(DType.FP32, dims);
    }

    public int rank() {
        return shape.size();
    }

    public int dim(int axis) {
        return shape.get(axis < 0 ? axis + shape.size() : axis);
    }

    public long elements() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Bytes of this tensor stored with the given element type. */
    public long bytes(DType as) {
        return elements() * as.bytes();
    }

    public long bytes() {
        return bytes(dtype);
    }

    public TensorType withShape(List<Integer> newShape) {
        return new TensorType(newShape, dtype);
    }

    public String shapeString() {
        return shape.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }

    @Override
    public String toString() {
        return shapeString() + ":" + dtype.name().toLowerCase(java.util.Locale.ROOT);
    }
}
