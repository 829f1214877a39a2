package dev.hetplace.cost.calibration;

/**
 * What the fits of one slice may build on: the storage bytes per element of its precision column and the device
 * that was measured. {@code multiprocessors} is a GPU's count of streaming multiprocessors (one GEMM tile each per
 * wave), 0 for a CPU; {@code gemmCore} marks a column that times the bare GEMM core ({@code int8_gemm}), where a
 * dense row runs the same tiled kernel as a conv instead of a framework's separate matrix-vector path.
 */
public record FitBasis(int bytesPerElement, int multiprocessors, boolean gemmCore) {
    public FitBasis {
        if (bytesPerElement < 1 || multiprocessors < 0) {
            throw new IllegalArgumentException("fit basis needs bytes per element >= 1 and multiprocessors >= 0, got "
                    + bytesPerElement + " and " + multiprocessors);
        }
    }

    public boolean gpu() {
        return multiprocessors > 0;
    }

    /** The basis of a slice measured on a CPU ({@code multiprocessors = 0}) or a GPU. */
    public static FitBasis of(Slice slice, int multiprocessors) {
        return new FitBasis(slice.bytesPerElement(), multiprocessors, slice.precision().endsWith("_gemm"));
    }
}
