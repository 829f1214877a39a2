package dev.hetplace.backends.vta;

/**
 * The modelled cycles of a group: busy cycles of the load module (input and weight DMA), of the compute module
 * (uop and accumulator loads, GEMM with resets, ALU), of the store module, the GEMM cycles alone, and the total.
 * {@code loadExposed} and {@code storeExposed} are the parts of the total during which the compute module
 * waited for (or finished before) loads and stores: total = computeBusy + loadExposed + storeExposed.
 */
public record VtaCycles(long uopPrologue, long loadBusy, long computeBusy, long storeBusy, long gemmCycles,
                        long total, long loadExposed, long storeExposed) {

    /** Every module's work run one after another, nothing overlapped. */
    public long unoverlapped() {
        return loadBusy + computeBusy + storeBusy;
    }
}
