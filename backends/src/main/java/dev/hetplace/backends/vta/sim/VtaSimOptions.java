package dev.hetplace.backends.vta.sim;

/**
 * Switches of the timing simulation. {@code sharedMemoryPort}: the modules' DMA engines share the platform's one
 * memory port (row bursts served first come, first served), as VTA's AXI masters share the Zynq's port; off, each
 * module has a port of its own. {@code checkHazards}: check every instruction's buffer accesses against the
 * still-pending earlier instructions of other modules. {@code recordTimeline}: keep every instruction's
 * (start, end) per module.
 */
public record VtaSimOptions(boolean sharedMemoryPort, boolean checkHazards, boolean recordTimeline) {
    public static final VtaSimOptions DEFAULT = new VtaSimOptions(true, true, false);

    public VtaSimOptions withTimeline() {
        return new VtaSimOptions(sharedMemoryPort, checkHazards, true);
    }
}
