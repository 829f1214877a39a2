package dev.hetplace.hw;

/**
 * Performance parameters of a CPU: cores and threads used, clock, SIMD width, peak multiply-accumulates per
 * cycle per core for fp32 and int8, sustained DRAM bandwidth. {@code calibration} names a measurement table the
 * CPU is calibrated against (a path under the backends' {@code measured/} resources, e.g.
 * {@code x86-h200/cpu_layers.csv}; empty for purely analytical CPUs). A calibrated CPU may leave the analytical
 * figures unstated; they are 0 then ({@link #hasAnalyticalParams()} is false).
 */
public record CpuParams(String isa, int cores, int threads, double clockMHz, int simdBits, double fp32MacsPerCycle,
                        double int8MacsPerCycle, double dramGBps, String calibration) {

    public CpuParams {
        calibration = calibration == null ? "" : calibration;
    }

    public CpuParams withThreads(int t) {
        return new CpuParams(isa, cores, t, clockMHz, simdBits, fp32MacsPerCycle, int8MacsPerCycle, dramGBps,
                calibration);
    }

    public boolean hasAnalyticalParams() {
        return clockMHz > 0 && simdBits > 0 && fp32MacsPerCycle > 0 && int8MacsPerCycle > 0 && dramGBps > 0;
    }

    public boolean isCalibrated() {
        return !calibration.isEmpty();
    }
}
