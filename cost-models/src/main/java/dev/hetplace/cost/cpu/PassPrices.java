package dev.hetplace.cost.cpu;

import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.Measurement;
import dev.hetplace.backends.measure.MeasurementTable;
import dev.hetplace.backends.measure.PassShape;
import dev.hetplace.backends.measure.Timing;
import dev.hetplace.hw.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * A CPU table's pass rows ({@link PassShape}: whole groups without a GEMM, as ONNX Runtime's profile times them,
 * eager): a group whose op class, elements and window were measured at the thread count is priced by its row, and
 * at other thread counts by its rows as {@link ThreadScaling} carries them; any other group of that class by
 * {@code a + b x elements} (elements read plus written) fitted to the class's rows at that precision and thread
 * count (Commons Math simple regression; where the intercept would be negative, a line through the origin; one
 * row: its time per element), labelled as fitted with the row count. A row of 0 us (a group ORT ran inside a
 * neighbour's node) prices its own shape but stays out of the fits. A class without rows is not priced here.
 */
public final class PassPrices {
    /** A price in microseconds at batch 1 and where it comes from; {@code measured}: an exact row. */
    public record Price(double us, String note, boolean measured) {
    }

    /** {@code us = intercept + slope x elements}, fitted to {@code rows} rows. */
    private record Fit(double intercept, double slope, int rows) {
        double us(long elements) {
            return intercept + slope * elements;
        }
    }

    private record Key(LayerShape shape, Precision precision, int threads) {
    }

    private record Slice(String op, Precision precision, int threads) {
    }

    private final String calibration;
    private final Map<Key, Double> measured = new LinkedHashMap<>();
    private final Map<Slice, Fit> fits = new LinkedHashMap<>();

    PassPrices(String calibration, List<Measurement> passes) {
        this.calibration = calibration;
        Map<Slice, Map<Long, Double>> points = new LinkedHashMap<>();
        for (Measurement m : passes) {
            if (m.batch() != 1 || m.timing() != Timing.EAGER) {
                continue;
            }
            LayerShape s = m.shape();
            int threads = Math.max(1, m.threads());
            Slice slice = new Slice(s.op(), m.precision(), threads);
            points.computeIfAbsent(slice, k -> new LinkedHashMap<>());
            if (measured.putIfAbsent(new Key(s, m.precision(), threads), m.medianUs()) == null && m.medianUs() > 0) {
                points.get(slice).putIfAbsent(elements(s), m.medianUs());
            }
        }
        points.forEach((slice, p) -> fits.put(slice, fit(p)));
    }

    private static Fit fit(Map<Long, Double> points) {
        if (points.isEmpty()) {
            return new Fit(0, 0, 0);
        }
        if (points.size() == 1) {
            var only = points.entrySet().iterator().next();
            return new Fit(0, only.getValue() / only.getKey(), 1);
        }
        SimpleRegression r = new SimpleRegression(true);
        points.forEach((elements, us) -> r.addData(elements, us));
        if (r.getIntercept() >= 0 && r.getSlope() >= 0) {
            return new Fit(r.getIntercept(), r.getSlope(), points.size());
        }
        SimpleRegression origin = new SimpleRegression(false);
        points.forEach((elements, us) -> origin.addData(elements, us));
        return new Fit(0, Math.max(0, origin.getSlope()), points.size());
    }

    /** The pass rows of {@code table}, the CPU table calibration {@code calibration} names. */
    static PassPrices of(String calibration, MeasurementTable table) {
        return new PassPrices(calibration, table.passes().stream().filter(m -> m.device().equals("cpu")).toList());
    }

    public boolean isEmpty() {
        return measured.isEmpty();
    }

    /**
     * A group of pass shape {@code shape} ({@link dev.hetplace.cost.GroupWork#passShape}) at {@code threads}; empty
     * where the table has no row of its class at the precision.
     */
    public Optional<Price> price(LayerShape shape, Precision p, int threads) {
        String op = shape.op();
        List<Integer> counts = threadCounts(op, p);
        if (counts.isEmpty()) {
            return Optional.empty();
        }
        double us = ThreadScaling.at(threads, counts, t -> usAt(new Key(shape, p, t)));
        if (measured.containsKey(new Key(shape, p, threads))) {
            return Optional.of(new Price(us, String.format(Locale.ROOT, "measured %s pass row (%s, %d threads)", op,
                    calibration, threads), true));
        }
        List<Integer> shapeThreads = counts.stream().filter(t -> measured.containsKey(new Key(shape, p, t))).toList();
        if (shapeThreads.equals(counts)) {
            return Optional.of(new Price(us, String.format(Locale.ROOT, "measured %s pass rows (%s, %s threads),"
                    + " scaled to %d threads", op, calibration, shapeThreads, threads), false));
        }
        int fitThreads = counts.contains(threads) ? threads
                : threads < counts.get(0) ? counts.get(0) : counts.get(counts.size() - 1);
        Fit f = fits.get(new Slice(op, p, fitThreads));
        return Optional.of(new Price(us, String.format(Locale.ROOT, "unmeasured %s pass; fitted to the %d %s %s pass"
                        + " row(s) of %s at %d threads: %.2f us + %.3f ns per element%s", op, f.rows(), p.id(), op,
                calibration, fitThreads, f.intercept(), 1000 * f.slope(),
                counts.contains(threads) ? "" : ", threads scaled from " + counts), false));
    }

    private double usAt(Key k) {
        Double exact = measured.get(k);
        return exact != null ? exact
                : fits.get(new Slice(k.shape().op(), k.precision(), k.threads())).us(elements(k.shape()));
    }

    private static long elements(LayerShape s) {
        return (long) s.cin() + s.cout();
    }

    private List<Integer> threadCounts(String op, Precision p) {
        TreeSet<Integer> out = new TreeSet<>();
        fits.keySet().stream().filter(s -> s.op().equals(op) && s.precision() == p).forEach(s -> out.add(s.threads()));
        return new ArrayList<>(out);
    }
}
