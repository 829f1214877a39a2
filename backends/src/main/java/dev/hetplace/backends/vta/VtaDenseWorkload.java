package dev.hetplace.backends.vta;

import java.util.List;

/** A dense layer: {@code rows} input vectors (batch x leading axes) of {@code inFeatures} to {@code outFeatures}. */
public record VtaDenseWorkload(int rows, int inFeatures, int outFeatures, boolean bias, List<VtaAluStep> aluSteps)
        implements VtaWorkload {

    public VtaDenseWorkload {
        if (rows <= 0 || inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("dense workload dimensions must be positive");
        }
        aluSteps = List.copyOf(aluSteps);
    }

    @Override
    public long logicalMacs() {
        return (long) rows * inFeatures * outFeatures;
    }
}
