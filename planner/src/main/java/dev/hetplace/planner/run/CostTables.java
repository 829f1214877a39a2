package dev.hetplace.planner.run;

import dev.hetplace.cost.CostTable;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import java.util.List;
import java.util.Set;

/** Builds the cost table for a run from the platform's cost models. */
public final class CostTables {
    private CostTables() {
    }

    public static CostTable build(ModelInput model, Platform platform, List<String> targets, Set<Precision> precisions,
                                  int batch, String gpuTiming) {
        throw new UnsupportedOperationException("cost models are being merged");
    }
}
