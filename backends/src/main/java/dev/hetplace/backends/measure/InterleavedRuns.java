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
 * all alike: every subject gets {@value #WARMUPS} warm-up runs (subject by subject), then each round runs every
 * subject once in a seeded shuffled order ({@value #SEED}); each subject's median, p10 and p90 over the rounds.
 */
public final class InterleavedRuns {
    public static final int WARMUPS = 3;
    public static final long SEED = 12;

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

    /** Each subject's timing, in subject order. */
    public static List<Timing> interleave(int rounds, List<Runnable> subjects) {
        String loadBefore = loadAverage();
        for (Runnable s : subjects) {
            for (int i = 0; i < WARMUPS; i++) {
                s.run();
            }
        }
        long[][] ns = new long[subjects.size()][rounds];
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
                long t0 = System.nanoTime();
                subjects.get(i).run();
                ns[i][r] = System.nanoTime() - t0;
            }
        }
        String loadAfter = loadAverage();
        List<Timing> out = new ArrayList<>();
        for (long[] n : ns) {
            long[] s = n.clone();
            Arrays.sort(s);
            out.add(new Timing(rounds, percentile(s, 0.5) / 1e6, percentile(s, 0.1) / 1e6, percentile(s, 0.9) / 1e6,
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
