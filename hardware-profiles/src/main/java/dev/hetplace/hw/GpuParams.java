package dev.hetplace.hw;

import java.util.Map;

/**
 * Performance parameters of a GPU: peak tera-MACs per second per precision, memory bandwidth, per-kernel
 * launch overhead (eager dispatch) and the table it is calibrated against.
 */
public record GpuParams(Map<Precision, Double> peakTeraMacs, double memoryGBps, double launchOverheadUs,
                        double graphOverheadUs, String calibration) {
    public GpuParams {
        peakTeraMacs = Map.copyOf(peakTeraMacs);
    }
}
