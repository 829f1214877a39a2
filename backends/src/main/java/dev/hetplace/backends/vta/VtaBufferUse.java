package dev.hetplace.backends.vta;

/** Entries of each on-chip buffer a tiling occupies, all virtual threads together. */
public record VtaBufferUse(long inp, long wgt, long acc, long out, long uop) {

    /** The first buffer this use overflows on {@code c}, as a one-line limit, or null when all fit. */
    public String overflow(dev.hetplace.hw.VtaConfig c) {
        if (inp > c.inpEntries()) {
            return "inp buffer " + c.inpEntries() + " entries, tile needs " + inp;
        }
        if (wgt > c.wgtEntries()) {
            return "wgt buffer " + c.wgtEntries() + " entries, tile needs " + wgt;
        }
        if (acc > c.accEntries()) {
            return "acc buffer " + c.accEntries() + " entries, tile needs " + acc;
        }
        if (out > c.outEntries()) {
            return "out buffer " + c.outEntries() + " entries, tile needs " + out;
        }
        if (uop > c.uopEntries()) {
            return "uop buffer " + c.uopEntries() + " entries, tile needs " + uop;
        }
        return null;
    }
}
