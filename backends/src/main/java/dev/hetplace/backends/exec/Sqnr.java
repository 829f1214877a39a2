package dev.hetplace.backends.exec;

import java.util.List;

/** Accuracy of a lowered execution against the fp32 reference. */
public final class Sqnr {
    private Sqnr() {
    }

    /**
     * Signal-to-quantization-noise ratio in dB: {@code 10 log10(sum ref^2 / sum (ref - test)^2)}; +infinity when
     * the outputs are identical.
     */
    public static double db(float[] reference, float[] test) {
        return db(List.of(reference), List.of(test));
    }

    /** SQNR with signal and noise power summed over all samples. */
    public static double db(List<float[]> reference, List<float[]> test) {
        requireSameSize(reference, test);
        double signal = 0;
        double noise = 0;
        for (int s = 0; s < reference.size(); s++) {
            float[] r = reference.get(s);
            float[] t = test.get(s);
            if (r.length != t.length) {
                throw new IllegalArgumentException("sample " + s + ": reference has " + r.length
                        + " values, test has " + t.length);
            }
            for (int i = 0; i < r.length; i++) {
                double d = (double) r[i] - t[i];
                signal += (double) r[i] * r[i];
                noise += d * d;
            }
        }
        return 10 * Math.log10(signal / noise);
    }

    /** Index of the largest value (the first one on ties). */
    public static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Fraction of samples whose top-1 class is the same in both. */
    public static double top1Agreement(List<float[]> reference, List<float[]> test) {
        requireSameSize(reference, test);
        int same = 0;
        for (int s = 0; s < reference.size(); s++) {
            if (argmax(reference.get(s)) == argmax(test.get(s))) {
                same++;
            }
        }
        return (double) same / reference.size();
    }

    private static void requireSameSize(List<float[]> reference, List<float[]> test) {
        if (reference.size() != test.size() || reference.isEmpty()) {
            throw new IllegalArgumentException("need the same non-zero number of samples, got " + reference.size()
                    + " and " + test.size());
        }
    }
}
