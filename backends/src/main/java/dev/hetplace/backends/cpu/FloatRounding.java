package dev.hetplace.backends.cpu;

import dev.hetplace.hw.Precision;

/**
 * Emulation of narrower float formats: round a float to the nearest value of the format (ties to even) and keep
 * it in a float. fp16 has 10 mantissa bits and a 5-bit exponent (overflow to infinity above 65504, subnormals
 * below 2^-14); bf16 keeps fp32's exponent with 7 mantissa bits; tf32 keeps fp32's exponent with 10.
 */
public final class FloatRounding {
    private static final float FP16_MAX = 65504f;
    private static final float FP16_MIN_NORMAL = 0x1p-14f;

    private FloatRounding() {
    }

    public static float round(Precision p, float x) {
        return switch (p) {
            case FP32, INT8 -> x;
            case TF32 -> keepMantissaBits(x, 10);
            case BF16 -> keepMantissaBits(x, 7);
            case FP16 -> fp16(x);
        };
    }

    /** Rounds every element in place. */
    public static void roundInPlace(Precision p, float[] data) {
        switch (p) {
            case FP32, INT8 -> {
            }
            case TF32 -> {
                for (int i = 0; i < data.length; i++) {
                    data[i] = keepMantissaBits(data[i], 10);
                }
            }
            case BF16 -> {
                for (int i = 0; i < data.length; i++) {
                    data[i] = keepMantissaBits(data[i], 7);
                }
            }
            case FP16 -> {
                for (int i = 0; i < data.length; i++) {
                    data[i] = fp16(data[i]);
                }
            }
        }
    }

    public static float bf16(float x) {
        return keepMantissaBits(x, 7);
    }

    public static float tf32(float x) {
        return keepMantissaBits(x, 10);
    }

    public static float fp16(float x) {
        if (Float.isNaN(x) || Float.isInfinite(x)) {
            return x;
        }
        float a = Math.abs(x);
        if (a < FP16_MIN_NORMAL) {
            // subnormal fp16: a fixed quantum of 2^-24; x * 2^24 is exact in double, rint ties to even
            return (float) Math.copySign(Math.rint(a * 0x1p24) * 0x1p-24, x);
        }
        float r = keepMantissaBits(x, 10);
        return Math.abs(r) > FP16_MAX ? Math.copySign(Float.POSITIVE_INFINITY, x) : r;
    }

    /** Rounds the 23-bit fp32 mantissa to {@code bits} bits, ties to even; a carry may reach infinity. */
    private static float keepMantissaBits(float x, int bits) {
        int v = Float.floatToRawIntBits(x);
        if ((v & 0x7f800000) == 0x7f800000) {
            return x;
        }
        int drop = 23 - bits;
        int lsb = (v >> drop) & 1;
        int rounded = v + ((1 << (drop - 1)) - 1) + lsb;
        return Float.intBitsToFloat(rounded & ~((1 << drop) - 1));
    }
}
