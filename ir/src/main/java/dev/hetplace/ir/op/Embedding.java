package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;

/** Table lookup (ONNX Gather on a weight table): integer ids [..] -> [.., dim]. */
public record Embedding(int vocab, int dim) implements Op {
    @Override
    public String name() {
        return "embedding";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        List<Integer> out = new ArrayList<>(inputs.get(0).shape());
        out.add(dim);
        return new TensorType(out, dev.hetplace.ir.tensor.DType.FP32);
    }

    @Override
    public long params(List<TensorType> inputs) {
        return (long) vocab * dim;
    }
}
