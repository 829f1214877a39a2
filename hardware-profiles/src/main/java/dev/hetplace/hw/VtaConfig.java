package dev.hetplace.hw;

/**
 * A VTA configuration in VTA's own terms (vta_config.json, camel-cased), plus the clock and memory port of the
 * board's build. Buffer sizes are log2 of bytes. {@code design} is {@code hls} (Xilinx boards: queues of depth
 * 8) or {@code chisel} (DE10-Nano). {@code runtime} is what TVM's VTA runtime costs the host per kernel on this
 * board ({@link VtaRuntime#NONE} unless the profile states it).
 */
public record VtaConfig(int logBatch, int logBlockIn, int logBlockOut, int logInpBuffSize, int logWgtBuffSize,
                        int logAccBuffSize, int logUopBuffSize, double clockMHz, int memoryPortBits, String design,
                        VtaRuntime runtime) {

    public VtaConfig {
        runtime = runtime == null ? VtaRuntime.NONE : runtime;
    }

    /** A configuration without runtime costs. */
    public VtaConfig(int logBatch, int logBlockIn, int logBlockOut, int logInpBuffSize, int logWgtBuffSize,
                     int logAccBuffSize, int logUopBuffSize, double clockMHz, int memoryPortBits, String design) {
        this(logBatch, logBlockIn, logBlockOut, logInpBuffSize, logWgtBuffSize, logAccBuffSize, logUopBuffSize,
                clockMHz, memoryPortBits, design, VtaRuntime.NONE);
    }

    /** TVM's default configuration (pynq_1x16_i8w8a32_15_15_18_17) at 100 MHz on a 64-bit port. */
    public static final VtaConfig DEFAULT = new VtaConfig(0, 4, 4, 15, 18, 17, 15, 100, 64, "hls");

    /** This configuration with {@code r} as its runtime costs. */
    public VtaConfig withRuntime(VtaRuntime r) {
        return new VtaConfig(logBatch, logBlockIn, logBlockOut, logInpBuffSize, logWgtBuffSize, logAccBuffSize,
                logUopBuffSize, clockMHz, memoryPortBits, design, r);
    }

    public static final int INP_BITS = 8;
    public static final int WGT_BITS = 8;
    public static final int ACC_BITS = 32;
    public static final int OUT_BITS = 8;
    public static final int UOP_BYTES = 4;

    public int batch() {
        return 1 << logBatch;
    }

    public int blockIn() {
        return 1 << logBlockIn;
    }

    public int blockOut() {
        return 1 << logBlockOut;
    }

    /** Bytes of one input buffer entry: BATCH x BLOCK_IN int8. */
    public int inpEntryBytes() {
        return batch() * blockIn() * INP_BITS / 8;
    }

    public int wgtEntryBytes() {
        return blockOut() * blockIn() * WGT_BITS / 8;
    }

    public int accEntryBytes() {
        return batch() * blockOut() * ACC_BITS / 8;
    }

    public int outEntryBytes() {
        return batch() * blockOut() * OUT_BITS / 8;
    }

    public int inpEntries() {
        return (1 << logInpBuffSize) / inpEntryBytes();
    }

    public int wgtEntries() {
        return (1 << logWgtBuffSize) / wgtEntryBytes();
    }

    public int accEntries() {
        return (1 << logAccBuffSize) / accEntryBytes();
    }

    /** The output buffer has as many entries as the accumulator (LOG_OUT_BUFF_SIZE derived as in VTA). */
    public int outEntries() {
        return accEntries();
    }

    public int uopEntries() {
        return (1 << logUopBuffSize) / UOP_BYTES;
    }

    public int macsPerCycle() {
        return batch() * blockIn() * blockOut();
    }

    public double memoryBytesPerCycle() {
        return memoryPortBits / 8.0;
    }

    /** Queue depth of command and dependency-token queues: 8 in the HLS design, 512 in Chisel. */
    public int queueDepth() {
        return "chisel".equals(design) ? 512 : 8;
    }

    /** VTA's TARGET model string as AutoTVM logs name it, e.g. {@code 1x16_i8w8a32_15_15_18_17}. */
    public String modelString() {
        return batch() + "x" + blockIn() + "_i8w8a32_" + logUopBuffSize + "_" + logInpBuffSize + "_"
                + logWgtBuffSize + "_" + logAccBuffSize;
    }
}
