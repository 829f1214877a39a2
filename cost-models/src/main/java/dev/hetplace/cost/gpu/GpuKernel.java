package dev.hetplace.cost.gpu;

import dev.hetplace.cost.Breakdown;

/** One kernel of a group as a CUDA graph runs it (no launch gaps): its dispatch class and its time split. */
public record GpuKernel(DispatchClass dispatch, Breakdown graph) {
    public long ns() {
        Breakdown b = graph;
        return b.computeNs() + b.loadNs() + b.storeNs() + b.paddingWasteNs() + b.layoutNs() + b.launchNs();
    }
}
