package dev.hetplace.backends.measure;

import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One whole-model latency ({@code file}, {@code line}): a row of {@code end_to_end.csv}, or a whole-model row
 * ({@code op} {@value #OP}) of a measurement table. Model, device as written ({@code cpu}, {@code cuda} or
 * {@code gpu}), the plan it measured in the precision column ({@code fp32}, ..., {@code int8_skip_first_conv}: int8
 * with the first conv left in fp32, {@code int8_skip_first_conv_and_dense}: TVM's rule on a CPU, the first conv and
 * every dense in fp32), batch, CPU threads (0 where not applicable), timing ({@code eager} or {@code graph}), the
 * median and, where known, p10 / p90 in microseconds (NaN: not known). The cost models check the model and
 * precision against what they can price.
 */
public record EndToEndMeasurement(String model, String device, String precision, int batch, int threads,
                                  String timing, double medianUs, String file, int line, double p10Us, double p90Us) {

    /** The precision column's value for int8 with the first conv left in fp32. */
    public static final String INT8_STEM_FP32 = "int8_skip_first_conv";
    /** The precision column's value for TVM's rule on a CPU: int8 with the first conv and every dense in fp32. */
    public static final String INT8_STEM_DENSE_FP32 = "int8_skip_first_conv_and_dense";

    /** The {@code op} of a whole-model row in a measurement table. */
    public static final String OP = "model";

    static final List<String> COLUMNS = List.of("model", "device", "precision", "batch", "threads", "timing",
            "median_us");

    /** Without percentiles. */
    public EndToEndMeasurement(String model, String device, String precision, int batch, int threads, String timing,
                               double medianUs, String file, int line) {
        this(model, device, precision, batch, threads, timing, medianUs, file, line, Double.NaN, Double.NaN);
    }

    /** Where the row is, for messages, as the reader's own errors say it: {@code file:N}. */
    public String where() {
        return file + ":" + line;
    }

    public static List<EndToEndMeasurement> read(Path file) {
        return fromCsv(Csv.read(file, COLUMNS));
    }

    public static List<EndToEndMeasurement> read(Reader reader, String source) {
        return fromCsv(CsvTable.read(reader, source, COLUMNS, Map.of()));
    }

    private static List<EndToEndMeasurement> fromCsv(CsvTable csv) {
        return csv.rows().stream().map(row -> fromRow(row, csv.source(), false)).toList();
    }

    /**
     * A row with this record's columns (p10_us / p90_us optional), as both tables hold them; an empty timing is an
     * error in {@code end_to_end.csv} and eager in a measurement table ({@code emptyTimingIsEager}), as its layer rows
     * read it.
     */
    static EndToEndMeasurement fromRow(CsvTable.Row row, String source, boolean emptyTimingIsEager) {
        String timing = emptyTimingIsEager && row.text("timing").isEmpty() ? Timing.EAGER.id()
                : row.requiredText("timing");
        if (Timing.parseOrNull(timing) == null) {
            throw row.error("timing", "unknown timing '" + timing + "' (known: eager, graph)");
        }
        int threads = row.text("threads").isEmpty() ? 0 : row.integer("threads", 1);
        double median = row.positive("median_us");
        double p10 = MeasurementTable.optionalPercentile(row, "p10_us");
        double p90 = MeasurementTable.optionalPercentile(row, "p90_us");
        if (p10 > median || median > p90) {
            throw row.error("percentiles out of order: p10_us " + p10 + ", median_us " + median + ", p90_us " + p90);
        }
        return new EndToEndMeasurement(row.text("model"), row.text("device"), row.text("precision"),
                row.integer("batch", 1), threads, timing, median, source, row.line(), p10, p90);
    }
}
