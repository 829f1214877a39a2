package dev.hetplace.ir;

import java.util.List;
import java.util.stream.Collectors;

/** The shape (NCHW for images, [batch, ..., features] otherwise) and element type of a tensor. */
public record TensorType(List<Integer> shape, DType dtype) {

    public TensorType {
        shape = List.copyOf(shape);
        for (int d : shape) {
            if (d <= 0) {
                throw new ShapeException("non-positive dimension in shape " + shape);
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
