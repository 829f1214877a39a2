package dev.hetplace.hw;

import java.util.Locale;

/** Numeric precision a device computes a group in. {@link #id()} is how users and files spell it. */
public enum Precision {
    FP32(32), TF32(19), FP16(16), BF16(16), INT8(8);

    private final int bits;

    Precision(int bits) {
        this.bits = bits;
    }

    /** Significant bits of storage (TF32 keeps fp32 storage but 10 mantissa bits). */
    public int bits() {
        return bits;
    }

    public int storageBytes() {
        return switch (this) {
            case FP32, TF32 -> 4;
            case FP16, BF16 -> 2;
            case INT8 -> 1;
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code fp32}, {@code int8}, ...; throws {@link IllegalArgumentException} naming the valid ids. */
    public static Precision parse(String s) {
        for (Precision p : values()) {
            if (p.id().equals(s.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + s + "' (known: fp32, tf32, fp16, bf16, int8)");
    }
}
