package dev.hetplace.planner.exact;

import java.util.Arrays;

/** The DP state: for each live tensor, its producer's option and the crossing steps it has already paid. */
record StateKey(int[] producerOption, long[] paid) {
    @Override
    public boolean equals(Object o) {
        return o instanceof StateKey k && Arrays.equals(producerOption, k.producerOption) && Arrays.equals(paid, k.paid);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(producerOption) + Arrays.hashCode(paid);
    }
}
