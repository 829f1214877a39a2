package dev.hetplace.cost.cpu;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CPU's correction from isolated to in-model layer time: one factor per measured thread count, the same for
 * every precision and group, fitted to the whole-model rows at that thread count (relative least squares); other
 * thread counts interpolate geometrically in log(threads) and take the nearest measured count outside them. With
 * no whole-model rows the factor is 1.
 */
public record CpuInContext(String source, Map<Integer, Double> factorByThreads, Map<Integer, Integer> rowsByThreads) {
    public CpuInContext {
        factorByThreads = Collections.unmodifiableMap(new TreeMap<>(factorByThreads));
        rowsByThreads = Collections.unmodifiableMap(new TreeMap<>(rowsByThreads));
    }

    public static CpuInContext none(String why) {
        return new CpuInContext(why, Map.of(), Map.of());
    }

    public double factor(int threads) {
        if (factorByThreads.isEmpty()) {
            return 1.0;
        }
        List<Integer> measured = List.copyOf(factorByThreads.keySet());
        return ThreadScaling.at(threads, measured, factorByThreads::get);
    }

    /** One phrase for a cost note. */
    public String describe(int threads) {
        if (factorByThreads.isEmpty()) {
            return "in-model factor 1 (" + source + ")";
        }
        Integer rows = rowsByThreads.get(threads);
        return String.format(Locale.ROOT, "in-model x%.3f (%s)", factor(threads), rows == null
                ? "interpolated from the factors at " + factorByThreads.keySet() + " threads, " + source
                : "fitted to " + rows + " whole-model rows at " + threads + " threads of " + source);
    }
}
