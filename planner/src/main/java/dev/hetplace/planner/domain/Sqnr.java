package dev.hetplace.planner.domain;

/** Converts between an SQNR in dB and total noise-to-signal power in parts per billion. */
public final class Sqnr {
    private Sqnr() {
    }

    public static long budgetPpb(double minSqnrDb) {
        return (long) Math.floor(1e9 * Math.pow(10, -minSqnrDb / 10));
    }

    /** Infinity for a noiseless plan. */
    public static double db(long noisePpb) {
        return noisePpb <= 0 ? Double.POSITIVE_INFINITY : -10 * Math.log10(noisePpb / 1e9);
    }
}
