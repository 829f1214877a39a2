package dev.hetplace.backends.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimingStatsTest {
    @Test
    void medianAndNearestRankPercentilesInMicroseconds() {
        TimingStats s = TimingStats.of(new long[] {9000, 1000, 5000, 3000, 7000, 2000, 4000, 6000, 8000, 10000});
        assertThat(s.medianUs()).isEqualTo(5.5);
        assertThat(s.p10Us()).isEqualTo(1.0);
        assertThat(s.p90Us()).isEqualTo(9.0);
        assertThat(TimingStats.of(new long[] {3000, 1000, 2000}).medianUs()).isEqualTo(2.0);
        assertThat(TimingStats.of(new long[] {4000}).p90Us()).isEqualTo(4.0);
    }
}
