package dev.hetplace.backends.vta;

import java.util.List;

/**
 * ALU-only work on blocked int8 tensors of shape (batch, channels, height, width) (height = width = 1 for
 * rank-2 tensors): {@code tensorOperands} inputs are loaded into the accumulator buffer, then {@code aluSteps}
 * run on every entry and the result is stored as int8.
 */
public record VtaAluWorkload(int batch, int channels, int height, int width, int tensorOperands,
                             List<VtaAluStep> aluSteps) implements VtaWorkload {

    public VtaAluWorkload {
        if (batch <= 0 || channels <= 0 || height <= 0 || width <= 0 || tensorOperands <= 0) {
            throw new IllegalArgumentException("ALU workload dimensions must be positive");
        }
        if (aluSteps.isEmpty()) {
            throw new IllegalArgumentException("ALU workload without ALU steps");
        }
        aluSteps = List.copyOf(aluSteps);
    }

    public long elements() {
        return (long) batch * channels * height * width;
    }

    @Override
    public long logicalMacs() {
        return 0;
    }
}
