package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/** 2-D convolution over NCHW with OIHW weights; {@code groups == inChannels} is depthwise. */
public record Conv2d(int outChannels, int kernelH, int kernelW, int strideH, int strideW, Padding padding,
                     int dilationH, int dilationW, int groups, boolean bias) implements Op {

    public Conv2d {
        if (outChannels <= 0 || kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0
                || dilationH <= 0 || dilationW <= 0 || groups <= 0) {
            throw new ShapeException("conv2d parameters must be positive");
        }
        if (padding == null) {
            throw new ShapeException("conv2d needs a padding");
        }
        if (outChannels % groups != 0) {
            throw new ShapeException("conv2d out channels " + outChannels + " not divisible by groups " + groups);
        }
    }

    /** Square kernel, equal stride and symmetric padding, no dilation, one group. */
    public static Conv2d square(int outChannels, int kernel, int stride, int pad, boolean bias) {
        return new Conv2d(outChannels, kernel, kernel, stride, stride, Padding.same(pad), 1, 1, 1, bias);
    }

    public Conv2d withGroups(int g) {
        return new Conv2d(outChannels, kernelH, kernelW, strideH, strideW, padding, dilationH, dilationW, g, bias);
    }

    public Conv2d withBias(boolean b) {
        return new Conv2d(outChannels, kernelH, kernelW, strideH, strideW, padding, dilationH, dilationW, groups, b);
    }

    public boolean depthwise(int inChannels) {
        return groups > 1 && groups == inChannels;
    }

    @Override
    public String name() {
        return "conv2d";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        TensorType in = inputs.get(0);
        Op.requireRank(this, in, 4);
        int c = in.dim(1);
        if (c % groups != 0) {
            throw new ShapeException("conv2d input channels " + c + " not divisible by groups " + groups);
        }
        int oh = outExtent(in.dim(2), kernelH, strideH, dilationH, padding.top() + padding.bottom());
        int ow = outExtent(in.dim(3), kernelW, strideW, dilationW, padding.left() + padding.right());
        return in.withShape(List.of(in.dim(0), outChannels, oh, ow));
    }

    static int outExtent(int size, int kernel, int stride, int dilation, int padTotal) {
        long effective = (long) dilation * (kernel - 1) + 1;
        long span = (long) size + padTotal - effective;
        if (span < 0) {
            throw new ShapeException("kernel " + kernel + " (dilation " + dilation + ") larger than padded input "
                    + ((long) size + padTotal));
        }
        return (int) (span / stride + 1);
    }

    @Override
    public long macs(List<TensorType> inputs, TensorType output) {
        long inPerGroup = inputs.get(0).dim(1) / groups;
        return output.elements() * inPerGroup * kernelH * kernelW;
    }

    @Override
    public long params(List<TensorType> inputs) {
        long inPerGroup = inputs.get(0).dim(1) / groups;
        return (long) outChannels * inPerGroup * kernelH * kernelW + (bias ? outChannels : 0);
    }
}
