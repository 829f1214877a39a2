package dev.hetplace.backends.measure;

import java.io.Reader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One measured host/device copy ({@code transfer.csv}): direction, whether the host memory was pinned, bytes,
 * and median / 10th / 90th percentile microseconds.
 */
public record TransferMeasurement(Direction direction, boolean pinned, long bytes, double medianUs, double p10Us,
                                  double p90Us) {

    /** {@code H2D}: host to device; {@code D2H}: device to host. */
    public enum Direction { H2D, D2H }

    static final List<String> COLUMNS = List.of("direction", "pinned", "bytes", "median_us", "p10_us", "p90_us");

    public static List<TransferMeasurement> read(Path file) {
        return fromCsv(Csv.read(file, COLUMNS));
    }

    public static List<TransferMeasurement> read(Reader reader, String source) {
        return fromCsv(CsvTable.read(reader, source, COLUMNS, Map.of()));
    }

    private static List<TransferMeasurement> fromCsv(CsvTable csv) {
        return csv.rows().stream().map(row -> {
            String d = row.requiredText("direction");
            Direction direction = switch (d) {
                case "h2d" -> Direction.H2D;
                case "d2h" -> Direction.D2H;
                default -> throw row.error("direction", "unknown direction '" + d + "' (known: h2d, d2h)");
            };
            return new TransferMeasurement(direction, row.bool("pinned"), row.integer("bytes", 1),
                    row.positive("median_us"), row.positive("p10_us"), row.positive("p90_us"));
        }).toList();
    }
}
