package dev.hetplace.backends.measure;

import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One whole-model latency of {@code end_to_end.csv} ({@code file}, {@code line}): model, device as written
 * ({@code cpu}, {@code cuda} or {@code gpu}), the precision column as written ({@code fp32}, ...,
 * {@code int8_skip_first_conv}: int8 with the first conv left in fp32), batch, CPU threads (0 where not
 * applicable), timing ({@code eager} or {@code graph}) and the median in microseconds. The cost models check the
 * model and precision against what they can price.
 */
public record EndToEndMeasurement(String model, String device, String precision, int batch, int threads,
                                  String timing, double medianUs, String file, int line) {

    static final List<String> COLUMNS = List.of("model", "device", "precision", "batch", "threads", "timing",
            "median_us");

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
        return csv.rows().stream().map(row -> {
            String timing = row.requiredText("timing");
            if (Timing.parseOrNull(timing) == null) {
                throw row.error("timing", "unknown timing '" + timing + "' (known: eager, graph)");
            }
            int threads = row.text("threads").isEmpty() ? 0 : row.integer("threads", 1);
            return new EndToEndMeasurement(row.text("model"), row.text("device"), row.text("precision"),
                    row.integer("batch", 1), threads, timing, row.positive("median_us"), csv.source(), row.line());
        }).toList();
    }
}
