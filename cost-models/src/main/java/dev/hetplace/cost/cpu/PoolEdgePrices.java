package dev.hetplace.cost.cpu;

import dev.hetplace.cost.calibration.KernelShape;
import dev.hetplace.cost.calibration.LayerMeasurement;
import dev.hetplace.cost.calibration.Median;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A CPU table's {@code pool_edge} rows (ONNX Runtime's max pool where a float producer meets it in int8): a pool
 * shape measured at the thread count is priced by its row; any other shape by the median time per window element
 * (channels x output pixels x kernel area) of the rows at that thread count, labelled as fitted with its rms error
 * over those rows; other thread counts as {@link ThreadScaling} carries them. A table without such rows prices
 * nothing (the effect is ONNX Runtime's; PyTorch's tables have no rows for it).
 */
public final class PoolEdgePrices {
    static final String TAG = "pool_edge";

    /** A price in microseconds at batch 1 and where it comes from. */
    public record Price(double us, String note) {
    }

    private record Key(KernelShape shape, int threads) {
    }

    private final String calibration;
    private final Map<Key, Double> measured = new LinkedHashMap<>();
    private final List<Integer> threadCounts;

    PoolEdgePrices(String calibration, List<LayerMeasurement> rows) {
        this.calibration = calibration;
        TreeSet<Integer> threads = new TreeSet<>();
        for (LayerMeasurement m : rows) {
            if (m.precision().equals(TAG) && m.shape().batch() == 1) {
                measured.putIfAbsent(new Key(m.shape(), Math.max(1, m.threads())), m.medianUs());
                threads.add(Math.max(1, m.threads()));
            }
        }
        this.threadCounts = List.copyOf(threads);
    }

    public boolean isEmpty() {
        return measured.isEmpty();
    }

    /** The pool edge of a max pool of {@code shape} (its batch ignored) at {@code threads}; empty without rows. */
    public Optional<Price> price(KernelShape shape, int threads) {
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        KernelShape one = shape.withBatch(1);
        double us = ThreadScaling.at(threads, threadCounts, t -> usAt(one, t));
        Double exact = measured.get(new Key(one, threads));
        if (exact != null) {
            return Optional.of(new Price(us, String.format(Locale.ROOT, "measured pool_edge row (%s, %d threads)",
                    calibration, threads)));
        }
        List<Integer> shapeThreads = measured.keySet().stream().filter(k -> k.shape().equals(one))
                .map(Key::threads).sorted().toList();
        if (!shapeThreads.isEmpty()) {
            return Optional.of(new Price(us, String.format(Locale.ROOT, "measured pool_edge rows (%s, %s threads),"
                    + " scaled to %d threads", calibration, shapeThreads, threads)));
        }
        int fitThreads = threadCounts.contains(threads) ? threads
                : threads < threadCounts.get(0) ? threadCounts.get(0) : threadCounts.get(threadCounts.size() - 1);
        List<double[]> at = rowsAt(fitThreads);
        return Optional.of(new Price(us, String.format(Locale.ROOT, "unmeasured shape; fitted to the %d pool_edge"
                        + " row(s) of %s: %.3f ns per window element (median), rms error %.0f%%%s", at.size(),
                calibration, 1000 * usPerWindow(at), 100 * (Math.exp(rmsLogError(at)) - 1),
                threadCounts.contains(threads) ? "" : ", threads scaled from " + threadCounts)));
    }

    private double usAt(KernelShape shape, int threads) {
        Double exact = measured.get(new Key(shape, threads));
        return exact != null ? exact : usPerWindow(rowsAt(threads)) * windows(shape);
    }

    /** (window elements, us) of every row at a thread count. */
    private List<double[]> rowsAt(int threads) {
        List<double[]> out = new ArrayList<>();
        measured.forEach((k, us) -> {
            if (k.threads() == threads) {
                out.add(new double[] {windows(k.shape()), us});
            }
        });
        return out;
    }

    /** Microseconds per window element: the median over the rows. */
    private static double usPerWindow(List<double[]> rows) {
        return Median.of(rows.stream().map(x -> x[1] / x[0]).toList());
    }

    private static double rmsLogError(List<double[]> rows) {
        double k = usPerWindow(rows);
        double sum = 0;
        for (double[] x : rows) {
            double e = Math.log(k * x[0] / x[1]);
            sum += e * e;
        }
        return Math.sqrt(sum / rows.size());
    }

    /** Channels x output pixels x kernel area. */
    static double windows(KernelShape s) {
        return (double) s.cout() * s.oh() * s.ow() * s.kh() * s.kw();
    }
}
