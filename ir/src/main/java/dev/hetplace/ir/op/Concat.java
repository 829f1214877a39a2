package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;

public record Concat(int axis) implements Op {
    @Override
    public String name() {
        return "concat";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        if (inputs.isEmpty()) {
            throw new ShapeException("concat needs at least one input");
        }
        TensorType first = inputs.get(0);
        int rank = first.rank();
        int ax = axis < 0 ? axis + rank : axis;
        if (ax < 0 || ax >= rank) {
            throw new ShapeException("concat axis " + axis + " out of range for " + first.shape());
        }
        List<Integer> out = new ArrayList<>(first.shape());
        int total = 0;
        for (TensorType t : inputs) {
            if (t.rank() != rank) {
                throw new ShapeException("concat inputs differ in rank: " + first.shape() + " and " + t.shape());
            }
            for (int i = 0; i < rank; i++) {
                if (i != ax && t.dim(i) != first.dim(i)) {
                    throw new ShapeException("concat inputs differ off axis " + ax + ": " + first.shape() + " and "
                            + t.shape());
                }
            }
            total += t.dim(ax);
        }
        out.set(ax, total);
        return first.withShape(out);
    }
}
