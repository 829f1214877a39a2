package dev.hetplace.planner.exact;

import java.util.Arrays;

/**
 * The DP state: for each live tensor, its producer's option and the crossing steps it has already paid. The
 * hash mixes every element (plain {@code Arrays.hashCode} collides heavily on small option indices and masks).
 */
final class StateKey {
    private final int[] producerOption;
    private final long[] paid;
    private final int hash;

    StateKey(int[] producerOption, long[] paid) {
        this.producerOption = producerOption;
        this.paid = paid;
        long h = 0x9E3779B97F4A7C15L;
        for (int p : producerOption) {
            h = mix(h ^ p);
        }
        for (long m : paid) {
            h = mix(h ^ m);
        }
        this.hash = (int) (h ^ (h >>> 32));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    int[] producerOption() {
        return producerOption;
    }

    long[] paid() {
        return paid;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateKey k && hash == k.hash && Arrays.equals(producerOption, k.producerOption)
                && Arrays.equals(paid, k.paid);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
