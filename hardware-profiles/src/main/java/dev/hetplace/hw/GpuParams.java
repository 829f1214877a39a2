package dev.hetplace.hw;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Performance parameters of a GPU: peak tera-MACs per second per precision, memory bandwidth, per-kernel
 * launch overhead in eager dispatch, the per-kernel floor under CUDA-graph replay, the number of streaming
 * multiprocessors (how many GEMM tiles run at once, one wave), and the measurement table it is calibrated against
 * (a path under the backends' {@code measured/} resources; empty when none).
 */
public record GpuParams(Map<Precision, Double> peakTeraMacs, double memoryGBps, double launchOverheadUs,
                        double graphOverheadUs, int multiprocessors, String calibration) {
    public GpuParams {
        EnumMap<Precision, Double> ordered = new EnumMap<>(Precision.class);
        ordered.putAll(peakTeraMacs);
        peakTeraMacs = Collections.unmodifiableMap(ordered);
        calibration = calibration == null ? "" : calibration;
    }
}
