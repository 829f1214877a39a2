package dev.hetplace.cost.cpu;

import dev.hetplace.cost.Breakdown;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.cost.Costs;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.hw.CpuParams;
import dev.hetplace.hw.Precision;
import java.util.Locale;

/**
 * Analytical price of a group on an ARM host (Cortex-A9 / A53 with NEON), as TVM's arm_cpu schedules run it: a
 * roofline over the NEON peak ({@code clock x cores used x MACs per cycle}) scaled by the schedule's efficiency,
 * and the DRAM bandwidth, plus a fixed per-op overhead. Fused layers (bias, batch norm, activation) run in the
 * anchor's output loop, as TVM fuses them, and add nothing.
 *
 * <p>The fp32 efficiencies come from TVM's TopHub arm_cpu log for the Pynq (Cortex-A9, 2 cores at 650 MHz, peak
 * 2.6 GMAC/s fp32): each figure below is its sample's direct-conv MACs per second over that peak. The other
 * sample lines check the model ({@code ArmCpuModelTest} states the ratios).
 */
public final class ArmCpuModel {
    /** TopHub line 11: conv2d_nchw_spatial_pack, 384x8x8 -> 384, 3x1 kernel, 28.3 M MACs in 23.77 ms = 0.46. */
    static final double DIRECT_FP32_EFFICIENCY = 0.46;
    /** No TopHub sample of a 1x1 conv on a feature map; TVM runs it with the same spatial-pack schedule. */
    static final double IM2COL_GEMM_FP32_EFFICIENCY = DIRECT_FP32_EFFICIENCY;
    /** TopHub line 12: conv2d_nchw_winograd, 96x35x35 -> 96, 3x3, 101.6 M direct MACs in 44.92 ms = 0.87. */
    static final double WINOGRAD_FP32_EFFICIENCY = 0.87;
    /** TopHub line 15: depthwise_conv2d_nchw, 32x112x112, 3x3 stride 1, 3.6 M MACs in 14.41 ms = 0.096. */
    static final double DEPTHWISE_FP32_EFFICIENCY = 0.096;
    /** TopHub line 10: dense_nopack 2048 -> 1000, 8.2 MB of fp32 weights in 9.36 ms = 0.88 GB/s = 0.42 x 2.1. */
    static final double DENSE_BANDWIDTH_EFFICIENCY = 0.42;
    /**
     * Assumed, not measured: ARMv7/ARMv8.0 NEON has no int8 dot product, so an int8 multiply-accumulate is a
     * widening VMULL.S8 + VPADAL.S16 pair; int8 schedules reach half the fp32 efficiency against the int8 peak.
     */
    static final double INT8_EFFICIENCY_RATIO = 0.5;
    /**
     * Assumed, not measured: TVM graph-runtime dispatch of one fused op plus waking its thread pool on a
     * Cortex-A9-class core, about 10 us.
     */
    static final double OP_OVERHEAD_US = 10.0;

    public Cost cost(GroupWork w, CpuParams cpu, Precision p, int batch) {
        ArmKernel kernel = ArmKernel.of(w, p);
        long launch = Costs.ns(OP_OVERHEAD_US);
        if (kernel == ArmKernel.VIEW) {
            return Costs.of(new Breakdown(0, 0, 0, 0, 0, 0, 1.0), CostSource.ANALYTICAL, "view: no data moves");
        }
        int bpe = p.storageBytes();
        long loadBytes = (w.inputElements() * batch + w.weightElements()) * bpe;
        long storeBytes = w.outputElements() * batch * bpe;
        double bytesPerNs = cpu.dramGBps() * (kernel == ArmKernel.DENSE ? DENSE_BANDWIDTH_EFFICIENCY : 1.0);
        long memoryNs = Math.round((loadBytes + storeBytes) / bytesPerNs);
        long computeNs = 0;
        double efficiency = 0;
        if (kernel != ArmKernel.MEMORY_BOUND) {
            efficiency = efficiency(kernel) * (p == Precision.INT8 ? INT8_EFFICIENCY_RATIO : 1.0);
            computeNs = Math.round(w.macs() * (double) batch / (peakMacsPerNs(cpu, p) * efficiency));
        }
        Breakdown b = Costs.roofline(computeNs, memoryNs, loadBytes, storeBytes, launch, 0);
        String note = String.format(Locale.ROOT, "arm_cpu %s: %s%s, %.2f GMAC/s peak x %d cores, %.1f GB/s",
                kernel.name().toLowerCase(Locale.ROOT),
                kernel == ArmKernel.MEMORY_BOUND ? "memory-bound" : String.format(Locale.ROOT, "efficiency %.3f",
                        efficiency),
                kernel == ArmKernel.MEMORY_BOUND || computeNs >= memoryNs ? "" : " (memory-bound)",
                peakMacsPerNs(cpu, p) / coresUsed(cpu), coresUsed(cpu), cpu.dramGBps());
        return Costs.of(b, CostSource.ANALYTICAL, note);
    }

    static double efficiency(ArmKernel k) {
        return switch (k) {
            case DIRECT -> DIRECT_FP32_EFFICIENCY;
            case IM2COL_GEMM, DENSE -> IM2COL_GEMM_FP32_EFFICIENCY;
            case WINOGRAD -> WINOGRAD_FP32_EFFICIENCY;
            case DEPTHWISE -> DEPTHWISE_FP32_EFFICIENCY;
            case MEMORY_BOUND, VIEW -> 1.0;
        };
    }

    static int coresUsed(CpuParams cpu) {
        return Math.max(1, Math.min(cpu.threads(), cpu.cores()));
    }

    /** Peak multiply-accumulates per nanosecond over the cores used. */
    static double peakMacsPerNs(CpuParams cpu, Precision p) {
        double perCycle = p == Precision.INT8 ? cpu.int8MacsPerCycle() : cpu.fp32MacsPerCycle();
        return cpu.clockMHz() * 1e-3 * coresUsed(cpu) * perCycle;
    }
}
