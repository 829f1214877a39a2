package dev.hetplace.backends.exec;

/**
 * The sequence {@code new java.util.Random(seed).nextGaussian()} gives, computed without {@code Random}'s atomic
 * seed and synchronized method: the 48-bit linear congruential generator, {@code nextDouble} and the polar method
 * exactly as {@code java.util.Random}'s documentation specifies them (with {@link StrictMath}'s square root and
 * logarithm, the latter in Java as {@link FdlibmLog}), so every value is bit for bit the one {@code Random} returns,
 * in about a third of its time. Not thread-safe: one stream per thread.
 */
final class GaussianStream {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    /** a^k and c * (a^(k-1) + ... + 1) mod 2^48, k = 2, 3, 4: the generator's state k steps on in one step. */
    private static final long MULTIPLIER_2 = MULTIPLIER * MULTIPLIER & MASK;
    private static final long ADDEND_2 = (MULTIPLIER * ADDEND + ADDEND) & MASK;
    private static final long MULTIPLIER_3 = MULTIPLIER_2 * MULTIPLIER & MASK;
    private static final long ADDEND_3 = (MULTIPLIER_2 * ADDEND + ADDEND_2) & MASK;
    private static final long MULTIPLIER_4 = MULTIPLIER_3 * MULTIPLIER & MASK;
    private static final long ADDEND_4 = (MULTIPLIER_3 * ADDEND + ADDEND_3) & MASK;

    private long seed;
    private double nextNextGaussian;
    private boolean haveNextNextGaussian;

    GaussianStream(long seed) {
        this.seed = (seed ^ MULTIPLIER) & MASK;
    }

    /**
     * Each try of the polar method takes the generator's next four states ({@code nextDouble} twice, two states
     * each), computed from the current one side by side rather than one after another.
     */
    double nextGaussian() {
        if (haveNextNextGaussian) {
            haveNextNextGaussian = false;
            return nextNextGaussian;
        }
        double v1;
        double v2;
        double s;
        do {
            long s0 = seed;
            long s1 = (s0 * MULTIPLIER + ADDEND) & MASK;
            long s2 = (s0 * MULTIPLIER_2 + ADDEND_2) & MASK;
            long s3 = (s0 * MULTIPLIER_3 + ADDEND_3) & MASK;
            long s4 = (s0 * MULTIPLIER_4 + ADDEND_4) & MASK;
            seed = s4;
            v1 = 2 * toDouble(s1, s2) - 1;
            v2 = 2 * toDouble(s3, s4) - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = StrictMath.sqrt(-2 * FdlibmLog.log(s) / s);
        nextNextGaussian = v2 * multiplier;
        haveNextNextGaussian = true;
        return v1 * multiplier;
    }

    /** {@code nextDouble}: 26 bits of one state ({@code next(26)}) and 27 of the next ({@code next(27)}). */
    private static double toDouble(long first, long second) {
        return (((long) (int) (first >>> (48 - 26)) << 27) + (int) (second >>> (48 - 27))) * DOUBLE_UNIT;
    }
}
