package dev.hetplace.hw;

/**
 * What the host pays, beyond VTA's kernel time, to run one VTA kernel through TVM's VTA runtime
 * ({@code vta/runtime/runtime.cc}) and the board's driver: board properties, all optional in a profile
 * ({@link #NONE} when a profile states none). {@code dispatchUs}: the graph executor calling the kernel's function;
 * {@code insnNs}: the host code building one instruction through a runtime call; {@code memcpyGBps}: the host's
 * memcpy of the uop and instruction buffers; {@code mmioWriteNs} / {@code mmioReadNs}: one uncached access to
 * VTA's control registers; {@code yieldUs}: the {@code std::this_thread::yield} between completion polls;
 * {@code coherent}: the runtime was built with {@code VTA_COHERENT_ACCESSES=true} and maintains no cache;
 * {@code flushNsPerByte}: the cache flush / invalidate a non-coherent build pays per byte.
 */
public record VtaRuntime(double dispatchUs, double insnNs, double memcpyGBps, double mmioWriteNs, double mmioReadNs,
                         double yieldUs, boolean coherent, double flushNsPerByte) {

    /** No runtime overhead priced (a profile without the {@code runtime...} fields). */
    public static final VtaRuntime NONE = new VtaRuntime(0, 0, 0, 0, 0, 0, true, 0);

    public boolean priced() {
        return !equals(NONE);
    }
}
