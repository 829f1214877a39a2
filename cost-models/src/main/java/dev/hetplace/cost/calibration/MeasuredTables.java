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

    /** The precision columns a per-layer table may hold: the precisions, casts and GPU GEMM paths. */
    public static final List<String> LAYER_PRECISIONS = List.of("fp32", "tf32", "fp16", "bf16", "int8",
            "quantize_input", "dequantize_output", "fp16_gemm", "int8_gemm");
    public static final List<String> TIMINGS = List.of("eager", "graph");
    private static final List<String> LAYER_COLUMNS = List.of("model", "op", "batch", "cin", "h", "w", "cout", "kh",
            "kw", "stride", "pad", "groups", "oh", "ow", "precision", "median_us");

    /**
     * Rows of a per-layer table such as {@code x86-h200/cpu_layers.csv} or {@code x86-h200/gpu_layers.csv}; every
     * row is validated (known op, precision and timing, positive sizes, an output extent that follows from the
     * input, kernel, stride and padding, a positive time) and the table must hold at least one row.
     */
    public static List<LayerMeasurement> layers(String calibration) {
        return read(calibration, LAYER_COLUMNS, row -> {
            String op = row.oneOf("op", List.of(KernelShape.CONV2D, KernelShape.DENSE));
            int cin = row.integer("cin", 1);
            int h = row.integer("h", 1);
            int w = row.integer("w", 1);
            int kh = row.integer("kh", 1);
            int kw = row.integer("kw", 1);
            int stride = row.integer("stride", 1);
            int pad = row.integer("pad", 0);
            int groups = row.integer("groups", 1);
            int cout = row.integer("cout", 1);
            int oh = row.integer("oh", 1);
            int ow = row.integer("ow", 1);
            if (cin % groups != 0 || cout % groups != 0) {
                throw row.error("groups", groups + " does not divide cin " + cin + " and cout " + cout);
            }
            long wantH = ((long) h + 2L * pad - kh) / stride + 1;
            long wantW = ((long) w + 2L * pad - kw) / stride + 1;
            if ((long) h + 2L * pad < kh || (long) w + 2L * pad < kw || oh != wantH || ow != wantW) {
                throw row.error("oh", "output " + oh + "x" + ow + " does not follow from input " + h + "x" + w
                        + ", kernel " + kh + "x" + kw + ", stride " + stride + ", pad " + pad + " (expected "
                        + wantH + "x" + wantW + ")");
            }
            KernelShape shape = new KernelShape(op, row.integer("batch", 1), cin, h, w, cout, kh, kw, stride, pad,
                    groups, oh, ow);
            int threads = row.has("threads") ? row.integer("threads", 1) : 0;
            String timing = row.has("timing") ? row.oneOf("timing", TIMINGS) : "eager";
            return new LayerMeasurement(row.text("model"), shape, row.oneOf("precision", LAYER_PRECISIONS), threads,
                    timing, row.positive("median_us"));
        });
    }

    /** Rows of {@code end_to_end.csv} next to the given calibration table. */
    public static List<EndToEndMeasurement> endToEnd(String calibration) {
        return read(sibling(calibration, "end_to_end.csv"), List.of("model", "device", "precision", "batch",
                "threads", "timing", "median_us"), row -> new EndToEndMeasurement(row.text("model"),
                row.text("device"), row.text("precision"), row.integer("batch", 1),
                row.text("threads").isEmpty() ? 0 : row.integer("threads", 1), row.oneOf("timing", TIMINGS),
                row.positive("median_us"), row.file(), row.line()));
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

    private static <T> List<T> read(String calibration, List<String> required, Function<Row, T> parse) {
        InputStream in = open(calibration);
        List<T> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            int number = 1;
            while (header != null && (header.startsWith("#") || header.isBlank())) {
                header = r.readLine();
                number++;
            }
            if (header == null) {
                throw new IllegalArgumentException(calibration + ": empty file (expected a header row: "
                        + String.join(",", required) + ")");
            }
            Map<String, Integer> columns = new HashMap<>();
            String[] names = header.split(",", -1);
            for (int i = 0; i < names.length; i++) {
                if (columns.put(names[i].trim(), i) != null) {
                    throw new IllegalArgumentException(calibration + " line " + number + ": column '"
                            + names[i].trim() + "' appears twice in the header");
                }
            }
            for (String column : required) {
                if (!columns.containsKey(column)) {
                    throw new IllegalArgumentException(calibration + " line " + number + ": the header has no column '"
                            + column + "' (required: " + String.join(", ", required) + ")");
                }
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
        if (out.isEmpty()) {
            throw new IllegalArgumentException(calibration + ": no data rows after the header");
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

        IllegalArgumentException error(String column, String problem) {
            return new IllegalArgumentException(file + " line " + line + ", column " + column + ": " + problem);
        }

        int integer(String column, int min) {
            int v;
            try {
                v = Integer.parseInt(text(column));
            } catch (NumberFormatException e) {
                throw error(column, "'" + text(column) + "' is not an integer");
            }
            if (v < min) {
                throw error(column, "must be at least " + min + ", got " + v);
            }
            return v;
        }

        /** A positive finite number (a time of 0 would make the kernel free). */
        double positive(String column) {
            try {
                double v = Double.parseDouble(text(column));
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw error(column, "'" + text(column) + "' is not a positive number");
            }
        }

        String oneOf(String column, List<String> allowed) {
            String v = text(column);
            if (!allowed.contains(v)) {
                throw error(column, "unknown value '" + v + "' (known: " + String.join(", ", allowed) + ")");
            }
            return v;
        }
    }
}
