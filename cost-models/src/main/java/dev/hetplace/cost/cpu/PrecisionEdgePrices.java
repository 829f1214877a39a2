package dev.hetplace.cost.cpu;

import dev.hetplace.backends.measure.CastKind;
import dev.hetplace.backends.measure.CastMeasurement;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.MeasurementTable;
import dev.hetplace.backends.measure.PassShape;
import dev.hetplace.backends.measure.Timing;
import dev.hetplace.cost.calibration.Median;
import dev.hetplace.hw.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A CPU table's {@code edge_int8} / {@code edge_fp32} rows ({@link CastKind#EDGE_INT8}: what a group pays in ONNX
 * Runtime, per input arriving in the other precision, beyond its pure export's time): a group whose shape was
 * measured at the thread count is priced by its row, at other thread counts by its rows as {@link ThreadScaling}
 * carries them; any other group by the median time per input element of the rows of its op at that precision and
 * thread count, labelled as fitted. A table without such rows, or without rows of the group's op, prices nothing
 * here (the cast rows then price the edge). Between two measured thread counts the interpolation is geometric, so
 * a 0 us row at either end prices 0; a shape's first row of a key is the one kept.
 */
public final class PrecisionEdgePrices {
    /** A price in microseconds at batch 1 and where it comes from. */
    public record Price(double us, String note) {
    }

    private record Key(LayerShape shape, Precision precision, int threads) {
    }

    private record Slice(String op, Precision precision, int threads) {
    }

    private final String calibration;
    private final Map<Key, Double> measured = new LinkedHashMap<>();
    private final Map<Slice, List<Double>> usPerElement = new LinkedHashMap<>();
    private final TreeSet<Integer> threadCounts = new TreeSet<>();

    PrecisionEdgePrices(String calibration, List<CastMeasurement> rows) {
        this.calibration = calibration;
        for (CastMeasurement c : rows) {
            if (!c.kind().isPrecisionEdge() || c.batch() != 1 || c.timing() != Timing.EAGER) {
                continue;
            }
            int threads = Math.max(1, c.threads());
            Precision p = c.kind() == CastKind.EDGE_INT8 ? Precision.INT8 : Precision.FP32;
            if (measured.putIfAbsent(new Key(c.shape(), p, threads), c.medianUs()) == null) {
                usPerElement.computeIfAbsent(new Slice(c.shape().op(), p, threads), k -> new ArrayList<>())
                        .add(c.medianUs() / inputElements(c.shape()));
                threadCounts.add(threads);
            }
        }
    }

    /** The edge rows of {@code table}, the CPU table calibration {@code calibration} names. */
    static PrecisionEdgePrices of(String calibration, MeasurementTable table) {
        return new PrecisionEdgePrices(calibration, table.casts().stream().filter(c -> c.device().equals("cpu"))
                .toList());
    }

    public boolean isEmpty() {
        return measured.isEmpty();
    }

    /**
     * What a group of row shape {@code shape} (its conv2d / dense shape or pass shape) run at {@code p} pays per
     * input arriving in the other precision, at {@code threads}; empty where the table has no row of its op there.
     */
    public Optional<Price> price(LayerShape shape, Precision p, int threads) {
        List<Integer> shapeThreads = threadCounts.stream().filter(t -> measured.containsKey(new Key(shape, p, t)))
                .toList();
        // the shape's own rows where it has any, else the fits of its op
        List<Integer> at = !shapeThreads.isEmpty() ? shapeThreads
                : threadCounts.stream().filter(t -> priceAt(shape, p, t).isPresent()).toList();
        if (at.isEmpty()) {
            return Optional.empty();
        }
        double us = ThreadScaling.at(threads, at, t -> priceAt(shape, p, t).orElseThrow());
        String tag = p == Precision.INT8 ? CastKind.EDGE_INT8.id() : CastKind.EDGE_FP32.id();
        String note;
        if (shapeThreads.contains(threads)) {
            note = String.format(Locale.ROOT, "measured %s row (%s, %d threads)", tag, calibration, threads);
        } else if (!shapeThreads.isEmpty()) {
            note = String.format(Locale.ROOT, "measured %s rows (%s, %s threads), scaled to %d threads", tag,
                    calibration, shapeThreads, threads);
        } else {
            int from = at.contains(threads) ? threads : threads < at.get(0) ? at.get(0) : at.get(at.size() - 1);
            note = String.format(Locale.ROOT, "unmeasured shape; %.4f us per input element, the median of the %d %s"
                            + " %s row(s) of %s at %d threads%s", Median.of(usPerElement.get(new Slice(shape.op(), p,
                            from))), usPerElement.get(new Slice(shape.op(), p, from)).size(), shape.op(), tag,
                    calibration, from, at.contains(threads) ? "" : ", threads scaled from " + at);
        }
        return Optional.of(new Price(us, note));
    }

    private Optional<Double> priceAt(LayerShape shape, Precision p, int threads) {
        Double exact = measured.get(new Key(shape, p, threads));
        if (exact != null) {
            return Optional.of(exact);
        }
        List<Double> rates = usPerElement.get(new Slice(shape.op(), p, threads));
        return rates == null ? Optional.empty() : Optional.of(Median.of(rates) * inputElements(shape));
    }

    /** The elements a group of this row shape reads: a pass row's {@code cin}, a conv's cin x h x w. */
    static double inputElements(LayerShape s) {
        return PassShape.isPass(s.op()) ? s.cin() : (double) s.cin() * s.h() * s.w();
    }
}
