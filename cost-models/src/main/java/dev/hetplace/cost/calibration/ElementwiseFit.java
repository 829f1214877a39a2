package dev.hetplace.cost.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * An element-wise pass on a calibrated CPU, {@code t = a + b bytes}, fitted (Commons Math simple regression) to
 * the table's {@code quantize_input} and {@code dequantize_output} rows, which are element-wise passes reading
 * fp32 and writing int8 or the reverse (5 bytes per element). One fit per measured thread count.
 */
public final class ElementwiseFit {
    /** fp32 read plus int8 write (or the reverse) per element of a cast row. */
    private static final int CAST_BYTES_PER_ELEMENT = 5;

    private final Map<Integer, double[]> byThreads;
    private final Map<Integer, Integer> samples;

    private ElementwiseFit(Map<Integer, double[]> byThreads, Map<Integer, Integer> samples) {
        this.byThreads = byThreads;
        this.samples = samples;
    }

    public static ElementwiseFit of(List<LayerMeasurement> rows) {
        Map<Integer, Map<Long, Double>> points = new LinkedHashMap<>();
        for (LayerMeasurement m : rows) {
            long elements;
            if (m.precision().equals("quantize_input")) {
                elements = m.shape().inputElements();
            } else if (m.precision().equals("dequantize_output")) {
                elements = m.shape().outputElements();
            } else {
                continue;
            }
            // the sign tells the two kinds apart, so a quantize and a dequantize of equal size both count
            long key = m.precision().startsWith("q") ? elements : -elements;
            points.computeIfAbsent(m.threads(), t -> new LinkedHashMap<>()).putIfAbsent(key, m.medianUs());
        }
        Map<Integer, double[]> fits = new LinkedHashMap<>();
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        points.forEach((threads, p) -> {
            SimpleRegression r = new SimpleRegression(true);
            p.forEach((key, us) -> r.addData((double) Math.abs(key) * CAST_BYTES_PER_ELEMENT, us));
            double slope = Math.max(r.getSlope(), 0);
            double intercept = Math.max(r.getIntercept(), 0);
            fits.put(threads, new double[] {intercept, slope});
            counts.put(threads, p.size());
        });
        return new ElementwiseFit(fits, counts);
    }

    public List<Integer> threadCounts() {
        return new ArrayList<>(byThreads.keySet()).stream().sorted().toList();
    }

    /** Microseconds to read and write {@code bytes} in one pass at a measured thread count. */
    public Optional<Double> us(int threads, long bytes) {
        double[] c = byThreads.get(threads);
        return c == null ? Optional.empty() : Optional.of(c[0] + c[1] * bytes);
    }

    public String describe(int threads) {
        double[] c = byThreads.get(threads);
        return String.format(Locale.ROOT, "%.2f us + %.3f us/MB (n=%d cast rows, %d threads)", c[0], c[1] * 1e6,
                samples.get(threads), threads);
    }
}
