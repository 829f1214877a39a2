package dev.hetplace.backends.measure;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The tables a device profile's {@code calibration} names: a {@link ShippedTable} by its name, else a file by its
 * path (the tables {@code place measure} writes), and the {@value #END_TO_END} next to it. Errors name the file and
 * line.
 */
public final class CalibrationTables {
    public static final String END_TO_END = "end_to_end.csv";

    private CalibrationTables() {
    }

    /**
     * The layer table of a device's calibration; a table without a {@code device}, {@code threads} or {@code timing}
     * column has them as {@code device}, not applicable and eager. A table without rows is an error.
     */
    public static MeasurementTable layers(String calibration, String device) {
        Map<String, String> defaults = Map.of("device", device, "timing", "", "threads", "");
        MeasurementTable t = read(calibration, (r, source) -> MeasurementTable.read(r, source, defaults));
        if (t.layers().isEmpty() && t.casts().isEmpty()) {
            throw new MeasurementException(calibration + ": no data rows after the header");
        }
        return t;
    }

    /** The name of the whole-model table next to a calibration table. */
    public static String endToEndName(String calibration) {
        int slash = calibration.lastIndexOf('/');
        return slash < 0 ? END_TO_END : calibration.substring(0, slash + 1) + END_TO_END;
    }

    public static boolean hasEndToEnd(String calibration) {
        String name = endToEndName(calibration);
        return ShippedTable.named(name).isPresent() || Files.isRegularFile(Path.of(name));
    }

    /** The rows of the whole-model table next to a calibration table. */
    public static List<EndToEndMeasurement> endToEnd(String calibration) {
        return read(endToEndName(calibration), EndToEndMeasurement::read);
    }

    private static <T> T read(String name, BiFunction<Reader, String, T> reader) {
        var shipped = ShippedTable.named(name);
        if (shipped.isPresent()) {
            return shipped.get().read(reader);
        }
        Path file = Path.of(name);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.apply(r, name);
        } catch (NoSuchFileException e) {
            throw new MeasurementException("measurement table '" + name + "' is neither shipped (one of "
                    + String.join(", ", java.util.Arrays.stream(ShippedTable.values()).map(ShippedTable::fileName)
                    .toList()) + ") nor a file");
        } catch (IOException e) {
            throw new MeasurementException(name + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
