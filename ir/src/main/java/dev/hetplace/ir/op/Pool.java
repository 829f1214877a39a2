package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/** Max or average pooling over NCHW; {@code ceilMode} rounds the output extent up as PyTorch does. */
public record Pool(PoolKind kind, int kernelH, int kernelW, int strideH, int strideW, Padding padding,
                   boolean ceilMode, boolean countIncludePad) implements Op {

    public Pool {
        if (kind == null || padding == null) {
            throw new dev.hetplace.ir.tensor.ShapeException("pooling needs a kind and a padding");
        }
        if (kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0) {
            throw new dev.hetplace.ir.tensor.ShapeException("pooling kernel and stride must be positive, got kernel "
                    + kernelH + "x" + kernelW + ", stride " + strideH + "x" + strideW);
        }
    }

    public static Pool max(int kernel, int stride, int pad) {
        return new Pool(PoolKind.MAX, kernel, kernel, stride, stride, Padding.same(pad), false, false);
    }

    public static Pool avg(int kernel, int stride, int pad) {
        return new Pool(PoolKind.AVG, kernel, kernel, stride, stride, Padding.same(pad), false, true);
    }

    public Pool ceil() {
        return new Pool(kind, kernelH, kernelW, strideH, strideW, padding, true, countIncludePad);
    }

    @Override
    public String name() {
        return kind == PoolKind.MAX ? "max_pool2d" : "avg_pool2d";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        TensorType in = inputs.get(0);
        Op.requireRank(this, in, 4);
        int oh = extent(in.dim(2), kernelH, strideH, padding.top(), padding.bottom());
        int ow = extent(in.dim(3), kernelW, strideW, padding.left(), padding.right());
        return in.withShape(List.of(in.dim(0), in.dim(1), oh, ow));
    }

    private int extent(int size, int kernel, int stride, int padBegin, int padEnd) {
        long span = (long) size + padBegin + padEnd - kernel;
        if (span < 0) {
            throw new dev.hetplace.ir.tensor.ShapeException(name() + " window " + kernel + " larger than input " + size);
        }
        if (!ceilMode) {
            return (int) (span / stride + 1);
        }
        long out = (span + stride - 1) / stride + 1;
        // PyTorch: the last window must start inside the input or the left padding
        if ((out - 1) * stride >= (long) size + padBegin) {
            out--;
        }
        return (int) out;
    }
}
