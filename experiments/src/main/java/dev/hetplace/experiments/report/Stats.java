package dev.hetplace.experiments.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians, geometric means and friends over small lists. */
final class Stats {
    private Stats() {
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double geomean(List<Double> xs) {
        return xs.isEmpty() ? Double.NaN : Math.exp(xs.stream().mapToDouble(Math::log).average().orElse(0));
    }

    static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
