package dev.hetplace.backends.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InterleavedRunsTest {
    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(InterleavedRuns.percentile(new long[] {1, 2, 4, 9}, 0.5)).isEqualTo(3.0);
        assertThat(InterleavedRuns.percentile(new long[] {1, 2, 4}, 0.5)).isEqualTo(2.0);
    }

    @Test
    void p10AndP90AreNearestRank() {
        long[] twenty = new long[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = i + 1;
        }
        assertThat(InterleavedRuns.percentile(twenty, 0.1)).isEqualTo(2.0);
        assertThat(InterleavedRuns.percentile(twenty, 0.9)).isEqualTo(18.0);
    }
}
