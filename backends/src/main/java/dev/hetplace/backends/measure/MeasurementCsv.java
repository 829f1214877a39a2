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
