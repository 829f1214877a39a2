package dev.hetplace.backends.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Writes measurements in {@link MeasurementTable}'s documented format, with a leading {@code model} column naming
 * the model each row was measured for (readers of the documented format ignore it; the calibrated cost models
 * use it). Times are microseconds with three decimals; {@code threads} is empty where 0.
 */
public final class MeasurementCsv {
    public static final List<String> COLUMNS = concat("model", MeasurementTable.COLUMNS);

    private MeasurementCsv() {
    }

    /** Comment lines (without {@code #}), the header, then every layer row and every cast row, in order. */
    public static void write(Writer out, String model, List<String> comments, List<Measurement> layers,
                             List<CastMeasurement> casts) {
        write(out, model, comments, layers, casts, List.of());
    }

    /**
     * As above, then every whole-model row ({@code op} {@value EndToEndMeasurement#OP}, its own model name, the
     * shape columns empty).
     */
    public static void write(Writer out, String model, List<String> comments, List<Measurement> layers,
                             List<CastMeasurement> casts, List<EndToEndMeasurement> wholeModels) {
        try {
            for (String c : comments) {
                out.write("# " + c.replace('\n', ' ') + "\n");
            }
            out.write(String.join(",", COLUMNS) + "\n");
            for (Measurement m : layers) {
                out.write(row(model, m.device(), m.shape(), m.batch(), m.threads(), m.precisionTag(), m.timing(),
                        m.medianUs(), m.p10Us(), m.p90Us()));
            }
            for (CastMeasurement c : casts) {
                out.write(row(model, c.device(), c.shape(), c.batch(), c.threads(), c.kind().id(), c.timing(),
                        c.medianUs(), c.p10Us(), c.p90Us()));
            }
            for (EndToEndMeasurement w : wholeModels) {
                out.write(wholeModelRow(w));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the measurement table: " + e.getMessage(), e);
        }
    }

    private static String row(String model, String device, LayerShape s, int batch, int threads, String tag,
                              Timing timing, double median, double p10, double p90) {
        if (model.contains(",")) {
            throw new IllegalArgumentException("model name '" + model + "' holds a comma, which the CSV cannot");
        }
        return String.join(",", model, device, s.op(), String.valueOf(batch), String.valueOf(s.cin()),
                String.valueOf(s.h()), String.valueOf(s.w()), String.valueOf(s.cout()), String.valueOf(s.kh()),
                String.valueOf(s.kw()), String.valueOf(s.stride()), String.valueOf(s.pad()),
                String.valueOf(s.groups()), String.valueOf(s.oh()), String.valueOf(s.ow()),
                threads == 0 ? "" : String.valueOf(threads), tag, timing.id(), us(median), us(p10), us(p90)) + "\n";
    }

    private static String wholeModelRow(EndToEndMeasurement w) {
        if (w.model().contains(",")) {
            throw new IllegalArgumentException("model '" + w.model() + "' holds a comma, which the CSV cannot");
        }
        List<String> cells = new java.util.ArrayList<>(java.util.Collections.nCopies(COLUMNS.size(), ""));
        cells.set(COLUMNS.indexOf("model"), w.model());
        cells.set(COLUMNS.indexOf("device"), w.device());
        cells.set(COLUMNS.indexOf("op"), EndToEndMeasurement.OP);
        cells.set(COLUMNS.indexOf("batch"), String.valueOf(w.batch()));
        cells.set(COLUMNS.indexOf("threads"), w.threads() == 0 ? "" : String.valueOf(w.threads()));
        cells.set(COLUMNS.indexOf("precision"), w.precision());
        cells.set(COLUMNS.indexOf("timing"), w.timing());
        cells.set(COLUMNS.indexOf("median_us"), us(w.medianUs()));
        cells.set(COLUMNS.indexOf("p10_us"), us(w.p10Us()));
        cells.set(COLUMNS.indexOf("p90_us"), us(w.p90Us()));
        return String.join(",", cells) + "\n";
    }

    private static String us(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static List<String> concat(String first, List<String> rest) {
        java.util.ArrayList<String> l = new java.util.ArrayList<>();
        l.add(first);
        l.addAll(rest);
        return List.copyOf(l);
    }
}
