package dev.hetplace.backends.vta;

/**
 * The cycle model of VTA's load / compute / store task pipeline over the outer iterations ("tile groups") of a
 * schedule. Each tile group runs one tile per virtual thread: the threads' input and weight loads (load
 * module), then resets, GEMMs, accumulator loads and ALU ops (compute module), then stores (store module).
 *
 * <p>With one thread there is a single copy of every buffer, so the modules wait for each other: the time is the
 * serial sum of all work. With two or more threads each thread owns its buffers and the modules overlap,
 * limited by the dependencies on those buffers:
 * <ul>
 * <li>loads of a group start when the previous group's loads are done and the group's first reset has run: in
 *     TVM's stream the first load pops the token that reset pushes, and the reset pops the one the previous
 *     group's first store pushes (so a group's loads never overlap the previous group's epilogue);</li>
 * <li>compute of a group starts when the previous group's compute is done and the first thread's store of the
 *     previous group has freed its accumulator; it cannot finish before its last load plus one GEMM plus the
 *     epilogue, nor run its first GEMM before its first load;</li>
 * <li>stores start once the first thread's epilogue is done and end no earlier than one store after the
 *     compute.</li>
 * </ul>
 * Each group adds at most its own serial work to the running maximum, so the result never exceeds the
 * unoverlapped sum, and never falls below the busiest module's work.
 */
final class VtaPipeline {
    private final int threads;
    private final long prologue;
    private long loadEnd;
    private long computeEnd;
    private long storeEnd;
    private long prevStoreStart;
    private long prevOneStore;
    private long serial;
    private long loadBusy;
    private long computeBusy;
    private long storeBusy;

    /** {@code prologue}: compute-module cycles before the first group (the uop loads). */
    VtaPipeline(int threads, long prologue) {
        this.threads = threads;
        this.prologue = prologue;
        this.computeEnd = prologue;
        this.serial = prologue;
        this.computeBusy = prologue;
    }

    /**
     * Adds one tile group: {@code load} cycles of the load module ({@code firstLoad} of them feed the first
     * GEMM), compute made of {@code reset} + {@code gemms} + {@code epilogue} ({@code lastGemm} the last GEMM
     * instruction), {@code store} cycles of the store module ({@code oneStore} for one thread's tile).
     */
    void group(long load, long firstLoad, long reset, long gemms, long lastGemm, long epilogue, long store,
               long oneStore) {
        long compute = reset + gemms + epilogue;
        serial += load + compute + store;
        loadBusy += load;
        computeBusy += compute;
        storeBusy += store;
        if (threads == 1) {
            return;
        }
        long computeStart = Math.max(computeEnd, prevStoreStart + prevOneStore);
        // TVM's token chain: a group's first load pops the token its first thread's reset pushes, and that reset
        // waits for the previous group's first store (the load module's NOPs also wait for the last GEMMs)
        long loadStart = Math.max(loadEnd, computeStart + reset / threads);
        long newLoadEnd = loadStart + load;
        long newComputeEnd = Math.max(computeStart + compute,
                Math.max(loadStart + firstLoad + compute - reset, newLoadEnd + lastGemm + epilogue));
        long storeStart = Math.max(storeEnd, newComputeEnd - epilogue + epilogue / threads);
        long newStoreEnd = Math.max(storeStart + store, newComputeEnd + oneStore);
        loadEnd = newLoadEnd;
        computeEnd = newComputeEnd;
        storeEnd = newStoreEnd;
        prevStoreStart = storeStart;
        prevOneStore = oneStore;
    }

    VtaCycles result(long gemmCycles) {
        if (threads == 1) {
            return new VtaCycles(prologue, loadBusy, computeBusy, storeBusy, gemmCycles, serial, loadBusy,
                    storeBusy);
        }
        long total = Math.max(loadEnd, Math.max(computeEnd, storeEnd));
        long storeExposed = total - Math.max(loadEnd, computeEnd);
        long loadExposed = total - computeBusy - storeExposed;
        return new VtaCycles(prologue, loadBusy, computeBusy, storeBusy, gemmCycles, total, loadExposed,
                storeExposed);
    }

    /** A bound no tiling with these busy cycles can beat: the serial sum for one thread, else the busiest module. */
    static long lowerBound(int threads, long prologue, long load, long compute, long store) {
        if (threads == 1) {
            return prologue + load + compute + store;
        }
        return Math.max(load, Math.max(prologue + compute, store));
    }
}
