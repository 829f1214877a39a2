package dev.hetplace.backends.vta;

import dev.hetplace.hw.VtaConfig;
import java.util.List;

/**
 * How VTA runs one workload: the tiling, the buffers it occupies, the uop kernels of one thread, the counts of one
 * interior thread tile ({@code tile}) and of the whole group ({@code total}), the number of outer iterations
 * ({@code tileGroups}, each running {@code tiling.threads()} thread tiles) and the modelled cycles.
 * {@code paddedMacs} are the multiply-accumulates the GEMM core executes (channels padded to blocks).
 */
public record VtaPlan(VtaWorkload workload, VtaConfig config, VtaTiling tiling, VtaBufferUse buffers,
                      List<VtaUopKernel> kernels, VtaCounters tile, VtaCounters total, long tileGroups,
                      VtaCycles cycles, long logicalMacs, long paddedMacs, double usefulFraction) {

    public VtaPlan {
        kernels = List.copyOf(kernels);
    }

    /** Modelled time in nanoseconds at the configuration's clock, rounded to the nearest. */
    public long timeNs() {
        return cyclesToNs(cycles.total(), config);
    }

    public static long cyclesToNs(long cycles, VtaConfig config) {
        return Math.round(cycles * 1000.0 / config.clockMHz());
    }
}
