package dev.hetplace.backends.vta;

/**
 * Counts in the terms of TVM's VTA functional simulator (bytes loaded per memory type, bytes stored, GEMM and
 * ALU uop executions) plus reset uops (GEMMs with reset_reg, which that simulator does not count as GEMM) and
 * instruction counts per opcode and memory type. Used for a whole group and for one tile.
 */
public record VtaCounters(long inpLoadBytes, long wgtLoadBytes, long accLoadBytes, long uopLoadBytes,
                          long outStoreBytes, long gemmOps, long resetOps, long aluOps, long loadInpInsns,
                          long loadWgtInsns, long loadAccInsns, long loadUopInsns, long gemmInsns, long aluInsns,
                          long storeInsns) {

    public long loadBytes() {
        return inpLoadBytes + wgtLoadBytes + accLoadBytes + uopLoadBytes;
    }

    public long loadInsns() {
        return loadInpInsns + loadWgtInsns + loadAccInsns + loadUopInsns;
    }
}
