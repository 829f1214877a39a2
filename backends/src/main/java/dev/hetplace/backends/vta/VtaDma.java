package dev.hetplace.backends.vta;

import dev.hetplace.hw.VtaConfig;

/** Cycle costs of VTA's instructions on one configuration, from {@link VtaTimingConstants}. */
final class VtaDma {
    /** VTA's LOAD / STORE y_size and x_size fields are 16 bits wide. */
    static final int MAX_DMA_EXTENT = (1 << 16) - 1;
    /** VTA's uop loop extents (iter_out, iter_in) are LOOP_ITER_WIDTH = 14 bits wide. */
    static final int MAX_LOOP_EXTENT = (1 << 14) - 1;
    /** The LOAD instruction's four padding fields are 4 bits wide. */
    static final int MAX_PAD = 15;

    private final VtaTimingConstants k;
    private final int portBytes;

    VtaDma(VtaTimingConstants k, VtaConfig c) {
        this.k = k;
        this.portBytes = Math.max(1, c.memoryPortBits() / 8);
    }

    /** One LOAD or STORE of {@code rows} rows of {@code rowBytes} bytes each, plus zero-padding entries. */
    long transfer(long rows, long rowBytes, long padEntries) {
        long perRow = rowBytes > 0 ? k.dmaRowLatency() + ceilDiv(rowBytes, portBytes) : 0;
        return k.dmaSetup() + rows * perRow + padEntries;
    }

    /** Cycles of a 2-D region's rows alone (no setup, no padding): used to sum many windows at once. */
    long rowsOnly(long rows, long rowBytes) {
        return rowBytes > 0 ? rows * (k.dmaRowLatency() + ceilDiv(rowBytes, portBytes)) : 0;
    }

    long setup() {
        return k.dmaSetup();
    }

    long gemm(long ops) {
        return k.gemmSetup() + ops;
    }

    long alu(long vectorOps) {
        return k.aluSetup() + (long) k.aluInitiationInterval() * vectorOps;
    }

    /** Loading one uop kernel into the uop buffer (done by the compute module). */
    long uopLoad(int uops) {
        return transfer(1, (long) uops * VtaConfig.UOP_BYTES, 0);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
