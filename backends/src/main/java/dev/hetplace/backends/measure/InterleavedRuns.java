package dev.hetplace.backends.measure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Times several subjects (one ONNX Runtime session's run each, say) in interleaved rounds, so that machine noise hits
 * all alike: every subject gets {@value #WARMUPS} warm-up runs (subject by subject), then each round visits every
 * subject once in a seeded shuffled order ({@value #SEED}); each subject's median, p10 and p90 over its timed runs.
 * A visit is {@value #SETTLE_RUNS} untimed run, then {@value #TIMED_PER_VISIT} timed ones: a run that directly
 * follows another subject's finds that subject's weights and activations in the caches and measured 10-20% slower
 * than the same session run back to back (ONNX Runtime, int8 resnet18, 1 and 2 threads:
 * {@code experiments/specs/mixed-plans/report.md}); a deployed model serves its requests back to back, so the
 * timed runs follow a run of their own.
 */
public final class InterleavedRuns {
    public static final int WARMUPS = 3;
    public static final long SEED = 12;
    /** Untimed runs at the start of each visit. */
    public static final int SETTLE_RUNS = 1;
    /** Timed runs per visit. */
    public static final int TIMED_PER_VISIT = 3;

    /** What one visit of a subject in a round runs: {@code settle} untimed runs, then {@code timed} timed ones. */
    public record Visit(int settle, int timed) {
        /** The visit {@link #interleave(int, List)} makes. */
        public static final Visit SETTLED = new Visit(SETTLE_RUNS, TIMED_PER_VISIT);
        /** One timed run per round, straight after another subject's (the timing before settled visits). */
        public static final Visit SINGLE = new Visit(0, 1);

        public Visit {
            if (settle < 0 || timed < 1) {
                throw new IllegalArgumentException("a visit needs at least one timed run and no negative settle runs,"
                        + " got " + settle + " and " + timed);
            }
        }
    }

    /**
     * One timed subject's figures, in ms: median, p10 and p90 of its {@code runs} timed runs; the 1-minute load
     * average before the warm-ups, after the last round, and at the start of every round.
     */
    public record Timing(int runs, double medianMs, double p10Ms, double p90Ms, String loadBefore, String loadAfter,
                         List<String> roundLoads) {
        public Timing {
            roundLoads = List.copyOf(roundLoads);
        }

        /** The lowest and highest load average seen over the rounds, as {@code low-high}. */
        public String roundLoadRange() {
            double[] l = roundLoads.stream().filter(s -> !s.equals("n/a")).mapToDouble(Double::parseDouble).sorted()
                    .toArray();
            return l.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f-%.2f", l[0], l[l.length - 1]);
        }
    }

    private InterleavedRuns() {
    }

    /** Each subject's timing ({@code rounds} {@link Visit#SETTLED} visits), in subject order. */
    public static List<Timing> interleave(int rounds, List<Runnable> subjects) {
        return interleave(rounds, subjects, Visit.SETTLED);
    }

    /** Each subject's timing ({@code rounds} visits of {@code visit}'s runs), in subject order. */
    public static List<Timing> interleave(int rounds, List<Runnable> subjects, Visit visit) {
        String loadBefore = loadAverage();
        for (Runnable s : subjects) {
            for (int i = 0; i < WARMUPS; i++) {
                s.run();
            }
        }
        long[][] ns = new long[subjects.size()][rounds * visit.timed()];
        List<String> loads = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            order.add(i);
        }
        Random shuffle = new Random(SEED);
        for (int r = 0; r < rounds; r++) {
            loads.add(loadAverage());
            Collections.shuffle(order, shuffle);
            for (int i : order) {
                Runnable subject = subjects.get(i);
                for (int k = 0; k < visit.settle(); k++) {
                    subject.run();
                }
                for (int k = 0; k < visit.timed(); k++) {
                    long t0 = System.nanoTime();
                    subject.run();
                    ns[i][r * visit.timed() + k] = System.nanoTime() - t0;
                }
            }
        }
        String loadAfter = loadAverage();
        List<Timing> out = new ArrayList<>();
        for (long[] n : ns) {
            long[] s = n.clone();
            Arrays.sort(s);
            out.add(new Timing(s.length, percentile(s, 0.5) / 1e6, percentile(s, 0.1) / 1e6, percentile(s, 0.9) / 1e6,
                    loadBefore, loadAfter, loads));
        }
        return out;
    }

    /** Nearest-rank percentile of sorted values; the median of an even count is the mean of the middle two. */
    public static double percentile(long[] sorted, double q) {
        if (q == 0.5 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
        }
        int k = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
    }

    /** The 1-minute load average ({@code /proc/loadavg}), or {@code n/a} where the machine has none. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
