package dev.hetplace.experiments.ort;

import dev.hetplace.backends.ort.OrtModel;
import dev.hetplace.backends.ort.OrtSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Times several ONNX files in ONNX Runtime in interleaved rounds, so that machine noise hits all alike: every file
 * gets its warm-up runs, then each round runs every file once in a seeded shuffled order. Prints one CSV row per
 * file (median, p10, p90 of its timed runs, in ms) and the load average before and after.
 *
 * <p>Usage: {@code java -cp experiments/target/hetplace-sweep.jar dev.hetplace.experiments.ort.InterleavedOrtTiming
 * THREADS ROUNDS FILE.onnx...}
 */
public final class InterleavedOrtTiming {
    static final int WARMUPS = 3;
    static final long SEED = 12;

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

    private InterleavedOrtTiming() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: InterleavedOrtTiming THREADS ROUNDS FILE.onnx...");
            System.exit(2);
        }
        try {
            int threads = count("THREADS", args[0]);
            int rounds = count("ROUNDS", args[1]);
            if (threads < 1 || rounds < 1) {
                throw new IllegalArgumentException("THREADS and ROUNDS must be at least 1, got " + threads + " and "
                        + rounds);
            }
            List<Path> files = Arrays.stream(args).skip(2).map(Path::of).toList();
            List<Timing> timed = time(threads, rounds, files);
            System.out.println("file,threads,runs,median_ms,p10_ms,p90_ms,load_before,load_after");
            for (int i = 0; i < files.size(); i++) {
                Timing t = timed.get(i);
                System.out.println(String.format(Locale.ROOT, "%s,%d,%d,%.3f,%.3f,%.3f,%s,%s", files.get(i), threads,
                        t.runs(), t.medianMs(), t.p10Ms(), t.p90Ms(), t.loadBefore(), t.loadAfter()));
            }
        } catch (RuntimeException e) {
            System.err.println("InterleavedOrtTiming: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int count(String what, String arg) {
        try {
            return Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be an integer, got '" + arg + "'");
        }
    }

    /** Every file whole in its own session at {@code threads} (CPU provider, level ALL), interleaved; in file order. */
    public static List<Timing> time(int threads, int rounds, List<Path> files) {
        List<OrtModel> models = new ArrayList<>();
        try {
            Random values = new Random(SEED);
            List<Runnable> runs = new ArrayList<>();
            for (Path f : files) {
                OrtModel m = OrtModel.open(f, OrtSettings.threads(threads));
                models.add(m);
                Map<String, float[]> feed = new LinkedHashMap<>();
                for (String name : m.inputNames()) {
                    feed.put(name, gaussian(values, m.inputShape(name)));
                }
                runs.add(() -> m.run(feed));
            }
            return interleave(rounds, runs);
        } finally {
            models.forEach(OrtModel::close);
        }
    }

    /**
     * Times each subject: {@value #WARMUPS} warm-up runs each (subject by subject), then {@code rounds} rounds, each
     * running every subject once in a seeded shuffled order; in subject order.
     */
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

    /** Seeded standard-normal values for an input of {@code shape}. */
    static float[] gaussian(Random values, long[] shape) {
        float[] v = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values.nextGaussian();
        }
        return v;
    }

    /** Nearest-rank percentile of sorted values; the median of an even count is the mean of the middle two. */
    static double percentile(long[] sorted, double q) {
        if (q == 0.5 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
        }
        int k = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
