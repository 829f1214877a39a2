package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;

/** ONNX Reshape semantics: 0 copies the input dimension, one -1 is inferred. */
public record Reshape(List<Integer> target) implements Op {

    public Reshape {
        target = List.copyOf(target);
    }

    @Override
    public String name() {
        return "reshape";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        TensorType in = inputs.get(0);
        List<Integer> out = new ArrayList<>();
        int inferAt = -1;
        long known = 1;
        for (int i = 0; i < target.size(); i++) {
            int d = target.get(i);
            if (d == -1) {
                if (inferAt >= 0) {
                    throw new ShapeException("reshape target " + target + " has more than one -1");
                }
                inferAt = i;
                out.add(1);
                continue;
            }
            if (d == 0) {
                if (i >= in.rank()) {
                    throw new ShapeException("reshape target " + target + " copies a missing dimension of " + in.shape());
                }
                d = in.dim(i);
            }
            if (d < 0) {
                throw new ShapeException("reshape target " + target + " has a negative dimension");
            }
            out.add(d);
            known *= d;
        }
        if (inferAt >= 0) {
            if (known == 0 || in.elements() % known != 0) {
                throw new ShapeException("cannot reshape " + in.shape() + " to " + target);
            }
            out.set(inferAt, (int) (in.elements() / known));
        } else if (known != in.elements()) {
            throw new ShapeException("cannot reshape " + in.shape() + " (" + in.elements() + " elements) to " + target);
        }
        return in.withShape(out);
    }
}
