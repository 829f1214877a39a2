package dev.hetplace.experiments.ort;

import dev.hetplace.backends.measure.InterleavedRuns;
import dev.hetplace.backends.ort.OrtModel;
import dev.hetplace.backends.ort.OrtSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Times several ONNX files in ONNX Runtime in interleaved rounds ({@link InterleavedRuns}), so that machine noise
 * hits all alike: every file gets its warm-up runs, then each round visits every file in a seeded shuffled order
 * (an untimed run, then timed ones).
 * Prints one CSV row per file (median, p10, p90 of its timed runs, in ms) and the load average before and after.
 *
 * <p>Usage: {@code java -cp experiments/target/hetplace-sweep.jar dev.hetplace.experiments.ort.InterleavedOrtTiming
 * THREADS ROUNDS FILE.onnx...}
 */
public final class InterleavedOrtTiming {
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
            List<InterleavedRuns.Timing> timed = time(threads, rounds, files);
            System.out.println("file,threads,runs,median_ms,p10_ms,p90_ms,load_before,load_after");
            for (int i = 0; i < files.size(); i++) {
                InterleavedRuns.Timing t = timed.get(i);
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
    public static List<InterleavedRuns.Timing> time(int threads, int rounds, List<Path> files) {
        List<OrtModel> models = new ArrayList<>();
        try {
            Random values = new Random(InterleavedRuns.SEED);
            List<Runnable> runs = new ArrayList<>();
            for (Path f : files) {
                OrtModel m = OrtModel.open(f, OrtSettings.threads(threads));
                models.add(m);
                Map<String, float[]> feed = new LinkedHashMap<>();
                for (String name : m.inputNames()) {
                    feed.put(name, gaussian(values, m.inputShape(name)));
                }
                runs.add(m.prepare(feed));
            }
            return InterleavedRuns.interleave(rounds, runs);
        } finally {
            models.forEach(OrtModel::close);
        }
    }

    /** Seeded standard-normal values for an input of {@code shape}. */
    static float[] gaussian(Random values, long[] shape) {
        float[] v = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b))];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values.nextGaussian();
        }
        return v;
    }
}
