package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/** Pooling over all of H and W: NCHW -> NC11. */
public record GlobalPool(PoolKind kind) implements Op {
    @Override
    public String name() {
        return kind == PoolKind.MAX ? "global_max_pool2d" : "global_avg_pool2d";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        TensorType in = inputs.get(0);
        Op.requireRank(this, in, 4);
        return in.withShape(List.of(in.dim(0), in.dim(1), 1, 1));
    }
}
