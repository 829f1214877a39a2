package dev.hetplace.hw;

/**
 * Performance parameters of a CPU: cores and threads used, clock, SIMD width, peak multiply-accumulates per
 * cycle per core for fp32 and int8, sustained DRAM bandwidth. {@code calibration} names a measurement table
 * the CPU is calibrated against (empty for purely analytical CPUs).
 */
public record CpuParams(String isa, int cores, int threads, double clockMHz, int simdBits, double fp32MacsPerCycle,
                        double int8MacsPerCycle, double dramGBps, String calibration) {

    public CpuParams withThreads(int t) {
        return new CpuParams(isa, cores, t, clockMHz, simdBits, fp32MacsPerCycle, int8MacsPerCycle, dramGBps,
                calibration);
    }
}
