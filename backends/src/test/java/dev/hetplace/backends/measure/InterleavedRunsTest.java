package dev.hetplace.backends.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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

    @Test
    void eachRoundVisitsEverySubjectWithASettlingRunThenItsTimedRuns() {
        List<String> log = new ArrayList<>();
        List<Runnable> subjects = List.of(() -> log.add("a"), () -> log.add("b"));
        List<InterleavedRuns.Timing> t = InterleavedRuns.interleave(2, subjects);
        int perVisit = InterleavedRuns.SETTLE_RUNS + InterleavedRuns.TIMED_PER_VISIT;
        assertThat(t).extracting(InterleavedRuns.Timing::runs).containsExactly(6, 6);
        assertThat(log).hasSize(2 * InterleavedRuns.WARMUPS + 2 * 2 * perVisit);
        // after the warm-ups, runs come in unbroken blocks of one subject
        List<String> rounds = log.subList(2 * InterleavedRuns.WARMUPS, log.size());
        for (int v = 0; v < rounds.size(); v += perVisit) {
            assertThat(rounds.subList(v, v + perVisit)).containsOnly(rounds.get(v));
        }
        assertThat(InterleavedRuns.interleave(3, subjects, InterleavedRuns.Visit.SINGLE))
                .extracting(InterleavedRuns.Timing::runs).containsExactly(3, 3);
    }
}
