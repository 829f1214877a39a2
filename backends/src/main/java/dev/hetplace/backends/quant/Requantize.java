package dev.hetplace.backends.quant;

/**
 * The int8 scheme shared by the CPU int8 kernels and the VTA simulator, as TVM's {@code relay.quantize}
 * realizes it: int8 values with power-of-two scales ({@code value = q * 2^log2}), int32 accumulation, and
 * requantization by {@code round_for_shift}: add {@code 2^(s-1)}, arithmetic right shift by {@code s} (a
 * non-positive {@code s} is a left shift by {@code -s}), then clip to [-128, 127]. Float values are quantized by
 * rounding half away from zero (C's {@code round}, as TVM's simulated quantize) and saturating. ReLU is
 * {@code max(q, 0)} on the requantized int8 value; applying it to the int32 accumulator instead gives the same
 * codes, since round_for_shift maps every non-positive accumulator to a non-positive result and 0 to 0.
 */
public final class Requantize {
    public static final int INT8_MIN = -128;
    public static final int INT8_MAX = 127;

    private Requantize() {
    }

    /** TVM's round_for_shift of an int32 accumulator: {@code (x + 2^(s-1)) >> s}, or {@code x << -s}. */
    public static int roundShift(int x, int shift) {
        if (shift > 0) {
            return (int) (((long) x + (1L << (shift - 1))) >> shift);
        }
        long v = (long) x << -shift;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    public static byte clip8(int x) {
        return (byte) (x < INT8_MIN ? INT8_MIN : Math.min(x, INT8_MAX));
    }

    /** round_for_shift then clip: the int8 result of an int32 accumulator. */
    public static byte requantize(int acc, int shift) {
        return clip8(roundShift(acc, shift));
    }

    /** {@code 2^log2} as a float (exact for every exponent float can hold). */
    public static float scale(int log2) {
        return Math.scalb(1.0f, log2);
    }

    /** Rounds half away from zero, saturating at the int range; NaN maps to 0. */
    public static int roundToInt(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        double r = v >= 0 ? Math.floor(v + 0.5) : -Math.floor(-v + 0.5);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r));
    }

    /** {@code clip(round(x / 2^log2))}. */
    public static byte quantize(float x, int log2) {
        return clip8(roundToInt(Math.scalb((double) x, -log2)));
    }

    /** A bias at the accumulator's scale {@code 2^log2}, as an int32. */
    public static int quantizeBias(float b, int log2) {
        return roundToInt(Math.scalb((double) b, -log2));
    }

    /**
     * The power-of-two scale (as log2) that maps {@code maxAbs} into int8: {@code 2^ceil(log2(maxAbs)) / 128},
     * as TVM's power2 weight scale and its {@code max} calibration do. A zero range counts as 1.
     */
    public static int log2ForRange(double maxAbs) {
        if (!(maxAbs > 0) || Double.isInfinite(maxAbs)) {
            return -7;
        }
        return Math.getExponent(maxAbs) + (isPowerOfTwo(maxAbs) ? 0 : 1) - 7;
    }

    private static boolean isPowerOfTwo(double v) {
        return v == Math.scalb(1.0, Math.getExponent(v));
    }
}
