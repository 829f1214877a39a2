package dev.hetplace.backends.vta.sim;

import dev.hetplace.hw.VtaConfig;

/** VTA's memory ids: the on-chip buffer a LOAD fills or a STORE drains, and the unit of its DRAM address. */
public enum VtaMemoryType {
    UOP, WGT, INP, ACC, OUT;

    /** Bytes of one entry, the unit of {@code sram_base}, {@code dram_base}, {@code x_size} and {@code x_stride}. */
    public int entryBytes(VtaConfig c) {
        return switch (this) {
            case UOP -> VtaConfig.UOP_BYTES;
            case WGT -> c.wgtEntryBytes();
            case INP -> c.inpEntryBytes();
            case ACC -> c.accEntryBytes();
            case OUT -> c.outEntryBytes();
        };
    }

    /** Entries the buffer holds on {@code c}. */
    public int entries(VtaConfig c) {
        return switch (this) {
            case UOP -> c.uopEntries();
            case WGT -> c.wgtEntries();
            case INP -> c.inpEntries();
            case ACC -> c.accEntries();
            case OUT -> c.outEntries();
        };
    }
}
