package dev.hetplace.backends.measure;

import dev.hetplace.hw.Precision;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code padding.csv}: the ResNet stem conv (64 out channels, 7x7, stride 2, 224x224) with its
 * {@code cin} input channels zero-padded to {@code cinPadded}, on {@code device} ({@code cpu} or {@code gpu}) at a
 * precision and batch; microseconds.
 */
public record PaddingMeasurement(String device, Precision precision, int batch, int cin, int cinPadded,
                                 double medianUs, double p10Us, double p90Us) {

    static final List<String> COLUMNS = List.of("device", "precision", "batch", "cin", "cin_padded", "median_us",
            "p10_us", "p90_us");

    public static List<PaddingMeasurement> read(Path file) {
        return fromCsv(Csv.read(file, COLUMNS));
    }

    public static List<PaddingMeasurement> read(Reader reader, String source) {
        return fromCsv(CsvTable.read(reader, source, COLUMNS, Map.of()));
    }

    private static List<PaddingMeasurement> fromCsv(CsvTable csv) {
        return csv.rows().stream().map(row -> {
            int cin = row.integer("cin", 1);
            int padded = row.integer("cin_padded", 1);
            if (padded < cin) {
                throw row.error("cin_padded", padded + " is less than cin " + cin);
            }
            return new PaddingMeasurement(Csv.deviceId(row), Csv.precision(row, row.requiredText("precision")),
                    row.integer("batch", 1), cin, padded, row.positive("median_us"), row.positive("p10_us"),
                    row.positive("p90_us"));
        }).toList();
    }
}
