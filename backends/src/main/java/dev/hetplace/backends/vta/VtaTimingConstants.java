package dev.hetplace.backends.vta;

/**
 * The fixed costs of the cycle model, in VTA clock cycles. A LOAD or STORE costs {@code dmaSetup} once, then per
 * row (VTA's load and store modules move a 2-D region one row, i.e. one AXI burst, at a time)
 * {@code dmaRowLatency} plus the row's bytes over the memory port, plus one cycle per entry of zero padding the
 * load module writes into SRAM. A GEMM or ALU instruction costs {@code gemmSetup} / {@code aluSetup} (pipeline
 * fill) plus its uop executions: one per cycle for GEMM, one per {@code aluInitiationInterval} cycles for ALU.
 *
 * <p>{@link #DEFAULT}: 16 cycles of DMA setup per instruction (fetch, decode, dependency-token handshake),
 * 12 cycles of latency per burst (about 120 ns to first data from the Zynq's DDR controller at 100 MHz),
 * 4 cycles of pipeline fill per GEMM / ALU instruction, ALU initiation interval 2 (VTA.md). These are
 * stated estimates, not fitted to any measurement.
 */
public record VtaTimingConstants(int dmaSetup, int dmaRowLatency, int gemmSetup, int aluSetup,
                                 int aluInitiationInterval) {

    public static final VtaTimingConstants DEFAULT = new VtaTimingConstants(16, 12, 4, 4, 2);

    public VtaTimingConstants {
        if (dmaSetup < 0 || dmaRowLatency < 0 || gemmSetup < 0 || aluSetup < 0 || aluInitiationInterval < 1) {
            throw new IllegalArgumentException("VTA timing constants must not be negative");
        }
    }
}
