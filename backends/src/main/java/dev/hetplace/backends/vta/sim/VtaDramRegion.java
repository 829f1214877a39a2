package dev.hetplace.backends.vta.sim;

import dev.hetplace.hw.VtaConfig;

/**
 * One tensor of a group in the DRAM image: {@code entries} entries of {@code type} (int8 entries for INP / WGT /
 * OUT, int32 for ACC) from byte {@code address}, which is a multiple of the entry size.
 */
public record VtaDramRegion(String name, VtaMemoryType type, long address, long entries) {

    public long bytes(VtaConfig c) {
        return entries * type.entryBytes(c);
    }

    /** The {@code dram_base} of entry {@code index} of this region, in entries of its memory type. */
    public long dramBase(VtaConfig c, long index) {
        return address / type.entryBytes(c) + index;
    }
}
