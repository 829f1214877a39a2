package dev.hetplace.backends.vta;

import java.util.List;

/**
 * A conv2d (groups = 1, no dilation) on NCHW data, with its fused bias and ALU steps (among them, when a residual
 * add is fused into it, the ADD of the add's other summand). {@code batch} is the number of images (graph batch x
 * cost batch).
 */
public record VtaConvWorkload(int batch, int inChannels, int inH, int inW, int outChannels, int kernelH,
                              int kernelW, int strideH, int strideW, int padTop, int padLeft, int padBottom,
                              int padRight, boolean bias, List<VtaAluStep> aluSteps) implements VtaWorkload {

    public VtaConvWorkload {
        if (batch <= 0 || inChannels <= 0 || inH <= 0 || inW <= 0 || outChannels <= 0 || kernelH <= 0
                || kernelW <= 0 || strideH <= 0 || strideW <= 0) {
            throw new IllegalArgumentException("conv workload dimensions must be positive");
        }
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("conv workload padding must not be negative");
        }
        if (inH + padTop + padBottom < kernelH || inW + padLeft + padRight < kernelW) {
            throw new IllegalArgumentException("conv kernel larger than the padded input");
        }
        aluSteps = List.copyOf(aluSteps);
    }

    /** Whether a residual add is fused into this conv (its other summand loaded tile by tile). */
    public boolean fusedResidual() {
        return aluSteps.stream().anyMatch(VtaAluStep::tileOperand);
    }

    /** This conv with {@code extra} appended to its epilogue. */
    public VtaConvWorkload withMoreAluSteps(List<VtaAluStep> extra) {
        List<VtaAluStep> all = new java.util.ArrayList<>(aluSteps);
        all.addAll(extra);
        return new VtaConvWorkload(batch, inChannels, inH, inW, outChannels, kernelH, kernelW, strideH, strideW,
                padTop, padLeft, padBottom, padRight, bias, all);
    }

    public int outH() {
        return (inH + padTop + padBottom - kernelH) / strideH + 1;
    }

    public int outW() {
        return (inW + padLeft + padRight - kernelW) / strideW + 1;
    }

    @Override
    public long logicalMacs() {
        return (long) batch * outChannels * outH() * outW() * inChannels * kernelH * kernelW;
    }
}
