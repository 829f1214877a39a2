package dev.hetplace.cost.calibration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the measurement CSVs shipped on the classpath under {@code measured/} (the backends module carries the
 * x86-h200 files) or, for a calibration that names no shipped table, the file at that path (the tables
 * {@code place measure} writes). Lines starting with {@code #} are comments. A malformed row fails with the file,
 * line and column.
 */
public final class MeasuredTables {
    private static final String ROOT = "measured/";

    private MeasuredTables() {
    }

    /** Rows of a per-layer table such as {@code x86-h200/cpu_layers.csv} or {@code x86-h200/gpu_layers.csv}. */
    public static List<LayerMeasurement> layers(String calibration) {
        return read(calibration, row -> {
            KernelShape shape = new KernelShape(row.text("op"), row.integer("batch"), row.integer("cin"),
                    row.integer("h"), row.integer("w"), row.integer("cout"), row.integer("kh"), row.integer("kw"),
                    row.integer("stride"), row.integer("pad"), row.integer("groups"), row.integer("oh"),
                    row.integer("ow"));
            int threads = row.has("threads") ? row.integer("threads") : 0;
            String timing = row.has("timing") ? row.text("timing") : "eager";
            return new LayerMeasurement(row.text("model"), shape, row.text("precision"), threads, timing,
                    row.decimal("median_us"));
        });
    }

    /** Rows of {@code end_to_end.csv} next to the given calibration table. */
    public static List<EndToEndMeasurement> endToEnd(String calibration) {
        return read(sibling(calibration, "end_to_end.csv"), row -> new EndToEndMeasurement(row.text("model"),
                row.text("device"), row.text("precision"), row.integer("batch"),
                row.text("threads").isEmpty() ? 0 : row.integer("threads"), row.text("timing"),
                row.decimal("median_us"), row.file(), row.line()));
    }

    /** The path of another file in the same directory as {@code calibration}. */
    public static String sibling(String calibration, String file) {
        int slash = calibration.lastIndexOf('/');
        return slash < 0 ? file : calibration.substring(0, slash + 1) + file;
    }

    public static boolean exists(String calibration) {
        return MeasuredTables.class.getClassLoader().getResource(ROOT + calibration) != null
                || Files.isRegularFile(Path.of(calibration));
    }

    private static InputStream open(String calibration) {
        InputStream in = MeasuredTables.class.getClassLoader().getResourceAsStream(ROOT + calibration);
        if (in != null) {
            return in;
        }
        Path file = Path.of(calibration);
        if (Files.isRegularFile(file)) {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("measurement table " + calibration + " cannot be read: "
                        + e.getMessage());
            }
        }
        throw new IllegalArgumentException("measurement table '" + calibration + "' is neither shipped ("
                + ROOT + calibration + " on the classpath) nor a file");
    }

    private static <T> List<T> read(String calibration, Function<Row, T> parse) {
        InputStream in = open(calibration);
        List<T> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            int number = 1;
            while (header != null && header.startsWith("#")) {
                header = r.readLine();
                number++;
            }
            if (header == null) {
                throw new IllegalArgumentException(calibration + ": empty file");
            }
            Map<String, Integer> columns = new HashMap<>();
            String[] names = header.split(",", -1);
            for (int i = 0; i < names.length; i++) {
                columns.put(names[i].trim(), i);
            }
            String line;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != names.length) {
                    throw new IllegalArgumentException(calibration + " line " + number + ": " + cells.length
                            + " columns, the header has " + names.length);
                }
                out.add(parse.apply(new Row(calibration, number, columns, cells)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    private record Row(String file, int line, Map<String, Integer> columns, String[] cells) {
        boolean has(String column) {
            return columns.containsKey(column);
        }

        String text(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                throw new IllegalArgumentException(file + ": no column '" + column + "' (has "
                        + Arrays.toString(columns.keySet().toArray()) + ")");
            }
            return cells[i].trim();
        }

        int integer(String column) {
            try {
                return Integer.parseInt(text(column));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + line + ", column " + column + ": '"
                        + text(column) + "' is not an integer");
            }
        }

        double decimal(String column) {
            try {
                double v = Double.parseDouble(text(column));
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + line + ", column " + column + ": '"
                        + text(column) + "' is not a non-negative number");
            }
        }
    }
}
