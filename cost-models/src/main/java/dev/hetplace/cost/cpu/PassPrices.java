package dev.hetplace.cost.cpu;

import dev.hetplace.backends.measure.CalibrationTables;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.Measurement;
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
 * A CPU table's pass rows ({@link PassShape}: whole groups without a GEMM, as ONNX Runtime's profile times them):
 * a group whose op class, elements and window were measured at the thread count is priced by its row; any other of
 * that class by {@code a + b x elements} (elements read plus written) fitted to the class's rows at that precision
 * and thread count (Commons Math simple regression, both coefficients kept >= 0; one row: its time per element),
 * labelled as fitted with the row count; other thread counts as {@link ThreadScaling} carries them. A class without
 * rows is not priced here.
 */
public final class PassPrices {
    /** A price in microseconds at batch 1 and where it comes from; {@code measured}: an exact row. */
    public record Price(double us, String note, boolean measured) {
    }

    private record Key(LayerShape shape, Precision precision, int threads) {
    }

    private record Slice(String op, Precision precision, int threads) {
    }

    private final String calibration;
    private final Map<Key, Double> measured = new LinkedHashMap<>();
    private final Map<Slice, double[]> fits = new LinkedHashMap<>();
    private final Map<Slice, Integer> fitRows = new LinkedHashMap<>();

    PassPrices(String calibration, List<Measurement> passes) {
        this.calibration = calibration;
        Map<Slice, Map<Long, Double>> points = new LinkedHashMap<>();
        for (Measurement m : passes) {
            if (m.batch() != 1) {
                continue;
            }
            LayerShape s = m.shape();
            int threads = Math.max(1, m.threads());
            if (measured.putIfAbsent(new Key(s, m.precision(), threads), m.medianUs()) == null) {
                points.computeIfAbsent(new Slice(s.op(), m.precision(), threads), k -> new LinkedHashMap<>())
                        .putIfAbsent((long) s.cin() + s.cout(), m.medianUs());
            }
        }
        points.forEach((slice, p) -> {
            fitRows.put(slice, p.size());
            if (p.size() == 1) {
                var only = p.entrySet().iterator().next();
                fits.put(slice, new double[] {0, only.getValue() / only.getKey()});
                return;
            }
            SimpleRegression r = new SimpleRegression(true);
            p.forEach((elements, us) -> r.addData(elements, us));
            double slope = Math.max(r.getSlope(), 0);
            double intercept = Math.max(r.getIntercept(), 0);
            fits.put(slice, new double[] {intercept, slope});
        });
    }

    /** The pass rows of the CPU table a calibration names. */
    static PassPrices of(String calibration) {
        return new PassPrices(calibration, CalibrationTables.layers(calibration, "cpu").passes().stream()
                .filter(m -> m.device().equals("cpu")).toList());
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
        Key exact = new Key(shape, p, threads);
        double us = ThreadScaling.at(threads, counts, t -> usAt(new Key(shape, p, t)));
        if (measured.containsKey(exact)) {
            return Optional.of(new Price(us, String.format(Locale.ROOT, "measured %s pass row (%s, %d threads)", op,
                    calibration, threads), true));
        }
        int fitThreads = counts.contains(threads) ? threads
                : threads < counts.get(0) ? counts.get(0) : counts.get(counts.size() - 1);
        Slice s = new Slice(op, p, fitThreads);
        double[] c = fits.get(s);
        return Optional.of(new Price(us, String.format(Locale.ROOT, "unmeasured %s pass; fitted to the %d %s %s pass"
                        + " row(s) of %s: %.2f us + %.3f ns per element%s", op, fitRows.get(s), p.id(), op,
                calibration, c[0], 1000 * c[1], counts.contains(threads) ? "" : ", threads scaled from " + counts),
                false));
    }

    private double usAt(Key k) {
        Double exact = measured.get(k);
        if (exact != null) {
            return exact;
        }
        double[] c = fits.get(new Slice(k.shape().op(), k.precision(), k.threads()));
        return c[0] + c[1] * ((long) k.shape().cin() + k.shape().cout());
    }

    private List<Integer> threadCounts(String op, Precision p) {
        TreeSet<Integer> out = new TreeSet<>();
        fits.keySet().stream().filter(s -> s.op().equals(op) && s.precision() == p).forEach(s -> out.add(s.threads()));
        return new ArrayList<>(out);
    }
}
