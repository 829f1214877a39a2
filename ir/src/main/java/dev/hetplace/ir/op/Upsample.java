package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/** Integer-factor spatial upsampling of NCHW (ONNX Resize / Upsample with scales). */
public record Upsample(int scaleH, int scaleW, String mode) implements Op {

    public static Upsample nearest(int scale) {
        return new Upsample(scale, scale, "nearest");
    }

    @Override
    public String name() {
        return "upsample";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        TensorType in = inputs.get(0);
        Op.requireRank(this, in, 4);
        return in.withShape(List.of(in.dim(0), in.dim(1), in.dim(2) * scaleH, in.dim(3) * scaleW));
    }
}
