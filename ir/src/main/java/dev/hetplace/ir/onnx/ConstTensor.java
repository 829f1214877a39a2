package dev.hetplace.ir.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * A tensor whose value is known at import time: an initializer, a Constant node or a folded shape computation.
 * {@code dims} may contain 0 (empty tensors are legal in ONNX); {@code type} is the ONNX
 * {@code TensorProto.DataType} code; {@code data} is row-major and null when the file holds only the shape
 * (weights stripped). {@code initializer} marks values that count as learned parameters.
 */
record ConstTensor(List<Integer> dims, int type, double[] data, boolean initializer) {

    ConstTensor {
        dims = List.copyOf(dims);
    }

    static ConstTensor of(List<Integer> dims, int type, double[] data) {
        return new ConstTensor(dims, type, data, false);
    }

    static ConstTensor longs(long... values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return of(List.of(values.length), OnnxTypes.INT64, d);
    }

    boolean hasData() {
        return data != null;
    }

    int rank() {
        return dims.size();
    }

    long elements() {
        return elements(dims);
    }

    static long elements(List<Integer> dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    boolean integral() {
        return OnnxTypes.integral(type);
    }

    /** The values as integers (shape vectors, axes, indices). */
    List<Long> asLongs() {
        List<Long> out = new ArrayList<>(data.length);
        for (double v : data) {
            out.add((long) v);
        }
        return out;
    }

    float[] asFloats() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return f;
    }

    /** The single value of a one-element tensor. */
    double scalar() {
        return data[0];
    }

    ConstTensor withDims(List<Integer> newDims) {
        return new ConstTensor(newDims, type, data, initializer);
    }

    String describe() {
        return dims + (hasData() ? "" : " (shape only)");
    }
}
