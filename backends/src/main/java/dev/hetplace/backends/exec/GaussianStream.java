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

    private long seed;
    private double nextNextGaussian;
    private boolean haveNextNextGaussian;

    GaussianStream(long seed) {
        this.seed = (seed ^ MULTIPLIER) & MASK;
    }

    double nextGaussian() {
        if (haveNextNextGaussian) {
            haveNextNextGaussian = false;
            return nextNextGaussian;
        }
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = StrictMath.sqrt(-2 * FdlibmLog.log(s) / s);
        nextNextGaussian = v2 * multiplier;
        haveNextNextGaussian = true;
        return v1 * multiplier;
    }

    private double nextDouble() {
        return (((long) next(26) << 27) + next(27)) * DOUBLE_UNIT;
    }

    private int next(int bits) {
        seed = (seed * MULTIPLIER + ADDEND) & MASK;
        return (int) (seed >>> (48 - bits));
    }
}
