package dev.hetplace.backends.measure;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** Opening CSV files for the readers of this package, and their shared cell conventions. */
final class Csv {
    private Csv() {
    }

    static CsvTable read(Path file, List<String> required) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CsvTable.read(r, file.toString(), required, Map.of());
        } catch (NoSuchFileException e) {
            throw new MeasurementException(file + ": no such measurement file");
        } catch (IOException e) {
            throw new MeasurementException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** The measurement scripts' device names: PyTorch's {@code cuda} is the platform's {@code gpu}. */
    static String deviceId(CsvTable.Row row) {
        String d = row.requiredText("device").toLowerCase(Locale.ROOT);
        return switch (d) {
            case "cuda", "gpu" -> "gpu";
            case "cpu" -> "cpu";
            default -> throw row.error("device", "unknown device '" + d + "' (known: cpu, cuda)");
        };
    }

    static dev.hetplace.hw.Precision precision(CsvTable.Row row, String text) {
        for (dev.hetplace.hw.Precision p : dev.hetplace.hw.Precision.values()) {
            if (p.id().equals(text)) {
                return p;
            }
        }
        throw row.error("precision", "unknown precision '" + text + "' (known: fp32, tf32, fp16, bf16, int8)");
    }
}
