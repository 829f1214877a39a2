package dev.hetplace.backends.measure;

import dev.hetplace.hw.Precision;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One whole-model latency ({@code end_to_end.csv}): model, device ({@code cpu} or {@code gpu}), precision, batch,
 * CPU threads (0 where not applicable), timing, microseconds. {@code firstConvFp32} marks the int8 runs that left
 * the first conv in fp32 (the file's {@code int8_skip_first_conv}).
 */
public record EndToEndMeasurement(String model, String device, Precision precision, boolean firstConvFp32,
                                  int batch, int threads, Timing timing, double medianUs, double p10Us,
                                  double p90Us) {

    static final List<String> COLUMNS = List.of("model", "device", "precision", "batch", "threads", "timing",
            "median_us", "p10_us", "p90_us");
    private static final String SKIP_FIRST_CONV = "_skip_first_conv";

    public static List<EndToEndMeasurement> read(Path file) {
        return fromCsv(Csv.read(file, COLUMNS));
    }

    static List<EndToEndMeasurement> read(Reader reader, String source) {
        return fromCsv(CsvTable.read(reader, source, COLUMNS, Map.of()));
    }

    private static List<EndToEndMeasurement> fromCsv(CsvTable csv) {
        return csv.rows().stream().map(row -> {
            String tag = row.requiredText("precision");
            boolean skip = tag.endsWith(SKIP_FIRST_CONV);
            Precision p = Csv.precision(row, skip ? tag.substring(0, tag.length() - SKIP_FIRST_CONV.length()) : tag);
            String timingText = row.requiredText("timing");
            Timing timing = Timing.parseOrNull(timingText);
            if (timing == null) {
                throw row.error("timing", "unknown timing '" + timingText + "' (known: eager, graph)");
            }
            int threads = row.text("threads").isEmpty() ? 0 : row.integer("threads", 1);
            return new EndToEndMeasurement(row.requiredText("model"), Csv.deviceId(row), p, skip,
                    row.integer("batch", 1), threads, timing, row.positive("median_us"), row.positive("p10_us"),
                    row.positive("p90_us"));
        }).toList();
    }
}
