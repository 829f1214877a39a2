package dev.hetplace.cost.calibration;

import java.util.List;

/** The median of a non-empty list of values: the middle one, or the mean of the middle two. */
public final class Median {
    private Median() {
    }

    public static double of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the median of no values");
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
