package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;

public record Transpose(List<Integer> perm) implements Op {

    public Transpose {
        perm = List.copyOf(perm);
    }

    @Override
    public String name() {
        return "transpose";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        TensorType in = inputs.get(0);
        if (perm.size() != in.rank() || perm.stream().distinct().count() != perm.size()
                || perm.stream().anyMatch(p -> p < 0 || p >= in.rank())) {
            throw new ShapeException("transpose permutation " + perm + " does not fit " + in.shape());
        }
        List<Integer> out = new ArrayList<>();
        for (int p : perm) {
            out.add(in.dim(p));
        }
        return in.withShape(out);
    }
}
