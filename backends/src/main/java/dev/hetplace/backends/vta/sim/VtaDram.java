package dev.hetplace.backends.vta.sim;

import dev.hetplace.hw.VtaConfig;

/**
 * The DRAM image a program runs against: bytes, int32 little-endian in accumulator regions. Regions are those of
 * the program's {@link VtaDramLayout}; the uop image is the program's own.
 */
public final class VtaDram {
    private final VtaConfig config;
    private final byte[] bytes;

    public VtaDram(VtaConfig config, long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("DRAM image of " + size + " bytes exceeds 2 GiB");
        }
        this.config = config;
        this.bytes = new byte[(int) size];
    }

    public static VtaDram of(VtaProgram p) {
        return new VtaDram(p.config(), p.dram().bytes());
    }

    public long size() {
        return bytes.length;
    }

    byte[] bytes() {
        return bytes;
    }

    public void writeInt8(VtaDramRegion r, byte[] data) {
        requireLength(r, data.length, 1);
        System.arraycopy(data, 0, bytes, (int) r.address(), data.length);
    }

    public byte[] readInt8(VtaDramRegion r) {
        int n = (int) r.bytes(config);
        byte[] out = new byte[n];
        System.arraycopy(bytes, (int) r.address(), out, 0, n);
        return out;
    }

    public void writeInt32(VtaDramRegion r, int[] data) {
        requireLength(r, data.length, 4);
        int at = (int) r.address();
        for (int v : data) {
            putInt(at, v);
            at += 4;
        }
    }

    int getInt(int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | bytes[at + 3] << 24;
    }

    void putInt(int at, int v) {
        bytes[at] = (byte) v;
        bytes[at + 1] = (byte) (v >>> 8);
        bytes[at + 2] = (byte) (v >>> 16);
        bytes[at + 3] = (byte) (v >>> 24);
    }

    private void requireLength(VtaDramRegion r, int elements, int elementBytes) {
        if ((long) elements * elementBytes != r.bytes(config)) {
            throw new IllegalArgumentException("region '" + r.name() + "' holds " + r.bytes(config) + " bytes, got "
                    + (long) elements * elementBytes);
        }
    }
}
