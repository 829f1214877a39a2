package dev.hetplace.backends.measure;

import dev.hetplace.hw.Precision;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Measured layer latencies, as users write them and {@code --measurements FILE} imports them.
 *
 * <h2>Format</h2>
 * A CSV file with a header row naming these columns, in any order (other columns are ignored; no quoting; lines
 * starting with {@code #} are comments):
 * <table>
 *   <caption>measurement table columns</caption>
 *   <tr><th>column</th><th>meaning</th></tr>
 *   <tr><td>device</td><td>the platform's device id ({@code cpu}, {@code gpu}, {@code vta})</td></tr>
 *   <tr><td>op</td><td>{@code conv2d} or {@code dense}; {@code max_pool2d} for a {@code pool_edge} row (cin = cout =
 *       groups = channels; oh/ow the floor or ceil of the pooled size); for a pass row, a whole group whose anchor
 *       is no GEMM, its op class ({@link PassShape}: {@code pool}, {@code global_pool}, {@code eltwise},
 *       {@code activation}, {@code copy}, {@code normalization}; cin / cout the elements read / written, h, w, oh,
 *       ow, groups 1, kh, kw, stride, pad a pool's window; precision fp32 or int8; median_us may be 0, a group
 *       that ran inside a neighbour's node)</td></tr>
 *   <tr><td>batch</td><td>batch size, &gt;= 1</td></tr>
 *   <tr><td>cin, h, w</td><td>input channels, height, width (dense: in features, 1, 1)</td></tr>
 *   <tr><td>cout</td><td>output channels (dense: out features)</td></tr>
 *   <tr><td>kh, kw, stride, pad, groups</td><td>kernel, stride, symmetric padding, groups (dense: 1, 1, 1, 0, 1)</td></tr>
 *   <tr><td>oh, ow</td><td>output height and width; must follow from the fields above</td></tr>
 *   <tr><td>threads</td><td>CPU threads used; empty where not applicable (GPU rows)</td></tr>
 *   <tr><td>precision</td><td>{@code fp32}, {@code tf32}, {@code fp16}, {@code bf16}, {@code int8}; {@code <p>_gemm}
 *       for a row timing only the layer's implicit-GEMM core; {@code quantize_input} / {@code dequantize_output}
 *       for the cost of casting the layer's input to int8 / its output to fp32; {@code pool_edge} for a max pool's
 *       kernel time where a float producer meets its int8 run ({@link CastKind#POOL_EDGE}); {@code edge_int8} /
 *       {@code edge_fp32} on a conv2d, dense or pass row for what that group, run int8 / fp32, pays beyond its pure
 *       export's time per input arriving in the other precision ({@link CastKind#EDGE_INT8}; median_us may be
 *       0)</td></tr>
 *   <tr><td>timing</td><td>{@code eager} (each call on its own) or {@code graph} (CUDA-graph replay); empty means
 *       eager</td></tr>
 *   <tr><td>median_us</td><td>median latency in microseconds, &gt; 0 (&gt;= 0 on pass and edge rows)</td></tr>
 *   <tr><td>p10_us, p90_us</td><td>optional 10th / 90th percentiles in microseconds (column absent or cell empty:
 *       not known)</td></tr>
 * </table>
 * Rows are layer measurements ({@link Measurement}), pass measurements ({@link #passes()}, also {@link Measurement}s)
 * or, for the three cast tags, cast measurements ({@link CastMeasurement}). A row whose {@code op} is {@code model} is a whole-model measurement
 * ({@link EndToEndMeasurement}, as {@code end_to_end.csv} holds them: a {@code model} column naming the model as
 * {@code --model} loads it, the plan in {@code precision}, the shape columns empty), as
 * {@code place measure --runtime onnxruntime} writes them. A malformed row is a {@link MeasurementException} naming
 * the file and line; nothing
 * is half-loaded.
 */
public final class MeasurementTable {
    public static final List<String> COLUMNS = List.of("device", "op", "batch", "cin", "h", "w", "cout", "kh", "kw",
            "stride", "pad", "groups", "oh", "ow", "threads", "precision", "timing", "median_us", "p10_us",
            "p90_us");
    private static final List<String> REQUIRED = COLUMNS.subList(0, COLUMNS.size() - 2);
    private static final Pattern DEVICE_ID = Pattern.compile("[a-z][a-z0-9_]*(-[a-z0-9_]+)*");
    private static final String KNOWN_TAGS = "fp32, tf32, fp16, bf16, int8, <precision>_gemm, quantize_input,"
            + " dequantize_output, pool_edge, edge_int8, edge_fp32";

    private record Key(String device, LayerShape shape, int batch, int threads, String tag, Timing timing) {
    }

    private final String source;
    private final List<Measurement> layers;
    private final List<Integer> layerLines;
    private final List<CastMeasurement> casts;
    private final List<Measurement> passes;
    private final List<EndToEndMeasurement> wholeModels;
    private final Map<Key, List<Measurement>> layersByKey = new HashMap<>();
    private final Map<Key, List<CastMeasurement>> castsByKey = new HashMap<>();

    private MeasurementTable(String source, List<Measurement> layers, List<Integer> layerLines,
                             List<CastMeasurement> casts, List<Measurement> passes,
                             List<EndToEndMeasurement> wholeModels) {
        this.source = source;
        this.passes = List.copyOf(passes);
        this.wholeModels = List.copyOf(wholeModels);
        this.layers = List.copyOf(layers);
        this.layerLines = List.copyOf(layerLines);
        this.casts = List.copyOf(casts);
        for (Measurement m : this.layers) {
            layersByKey.computeIfAbsent(new Key(m.device(), m.shape(), m.batch(), m.threads(), m.precisionTag(),
                    m.timing()), k -> new ArrayList<>()).add(m);
        }
        for (CastMeasurement c : this.casts) {
            castsByKey.computeIfAbsent(new Key(c.device(), c.shape(), c.batch(), c.threads(), c.kind().id(),
                    c.timing()), k -> new ArrayList<>()).add(c);
        }
    }

    public static MeasurementTable of(String source, List<Measurement> layers, List<CastMeasurement> casts) {
        return new MeasurementTable(source, layers, java.util.Collections.nCopies(layers.size(), 0), casts, List.of(),
                List.of());
    }

    /** Reads a file in the documented format. */
    public static MeasurementTable read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (NoSuchFileException e) {
            throw new MeasurementException(file + ": no such measurement file");
        } catch (IOException e) {
            throw new MeasurementException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads a per-device file named {@code <device>_layers.csv} (as the shipped x86-h200 tables are): the file name
     * gives the {@code device} column, and a file without {@code timing} or {@code threads} columns has them empty
     * (eager; not applicable).
     */
    public static MeasurementTable readPerDevice(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString(), perDeviceDefaults(file.getFileName().toString()));
        } catch (NoSuchFileException e) {
            throw new MeasurementException(file + ": no such measurement file");
        } catch (IOException e) {
            throw new MeasurementException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Column defaults of a {@code <device>_layers.csv} file. */
    static Map<String, String> perDeviceDefaults(String fileName) {
        if (!fileName.endsWith("_layers.csv")) {
            throw new MeasurementException(fileName + ": a per-device table is named <device>_layers.csv");
        }
        String device = fileName.substring(0, fileName.length() - "_layers.csv".length());
        return Map.of("device", device, "timing", "", "threads", "");
    }

    public static MeasurementTable read(Reader reader, String source) {
        return read(reader, source, Map.of());
    }

    /**
     * Reads the documented format where columns missing from the header take the given values (e.g. a file per
     * device without a {@code device} column).
     */
    public static MeasurementTable read(Reader reader, String source, Map<String, String> columnDefaults) {
        CsvTable csv = CsvTable.read(reader, source, REQUIRED, columnDefaults);
        List<Measurement> layers = new ArrayList<>();
        List<Integer> layerLines = new ArrayList<>();
        List<CastMeasurement> casts = new ArrayList<>();
        List<Measurement> passes = new ArrayList<>();
        List<EndToEndMeasurement> wholeModels = new ArrayList<>();
        for (CsvTable.Row row : csv.rows()) {
            String device = row.requiredText("device");
            if (!DEVICE_ID.matcher(device).matches()) {
                throw row.error("device", "'" + device + "' is not a device id");
            }
            if (row.requiredText("op").equals(EndToEndMeasurement.OP)) {
                wholeModels.add(EndToEndMeasurement.fromRow(row, source, true));
                continue;
            }
            LayerShape shape = shape(row);
            int batch = row.integer("batch", 1);
            int threads = row.text("threads").isEmpty() ? 0 : row.integer("threads", 1);
            String timingText = row.text("timing");
            Timing timing = timingText.isEmpty() ? Timing.EAGER : Timing.parseOrNull(timingText);
            if (timing == null) {
                throw row.error("timing", "unknown timing '" + timingText + "' (known: eager, graph)");
            }
            boolean pass = PassShape.isPass(shape.op());
            String tag = row.requiredText("precision");
            CastKind cast = castKind(tag);
            boolean maybeZero = pass || cast != null && cast.isPrecisionEdge();
            double median = maybeZero ? row.nonNegative("median_us") : row.positive("median_us");
            double p10 = maybeZero ? optionalTime(row, "p10_us") : optionalPercentile(row, "p10_us");
            double p90 = maybeZero ? optionalTime(row, "p90_us") : optionalPercentile(row, "p90_us");
            if (p10 > median || median > p90) {
                throw row.error("percentiles out of order: p10_us " + p10 + ", median_us " + median + ", p90_us "
                        + p90);
            }
            if (cast != null && cast.isPrecisionEdge() && batch != 1) {
                throw row.error("batch", "an " + tag + " row is measured at batch 1");
            }
            if (cast != null && cast.isPrecisionEdge() && timing != Timing.EAGER) {
                throw row.error("timing", "an " + tag + " row is timed eager (ONNX Runtime's profile)");
            }
            if (pass && cast != null && cast.isPrecisionEdge()) {
                casts.add(new CastMeasurement(device, shape, batch, threads, cast, timing, median, p10, p90));
                continue;
            }
            if (pass) {
                if (!tag.equals(Precision.FP32.id()) && !tag.equals(Precision.INT8.id())) {
                    throw row.error("precision", "a " + shape.op() + " pass row is fp32, int8, edge_int8 or edge_fp32,"
                            + " not '" + tag + "'");
                }
                passes.add(new Measurement(device, shape, batch, threads, precision(tag), false, timing, median, p10,
                        p90));
                continue;
            }
            if ((cast == CastKind.POOL_EDGE) != shape.op().equals(LayerShape.MAX_POOL)) {
                throw row.error("precision", cast == CastKind.POOL_EDGE ? "a pool_edge row is a max_pool2d row, not "
                        + shape.op() : "a max_pool2d row is a pool_edge row, not '" + tag + "'");
            }
            if (cast != null) {
                casts.add(new CastMeasurement(device, shape, batch, threads, cast, timing, median, p10, p90));
                continue;
            }
            boolean gemm = tag.endsWith("_gemm");
            Precision precision = precision(gemm ? tag.substring(0, tag.length() - 5) : tag);
            if (precision == null) {
                throw row.error("precision", "unknown precision '" + tag + "' (known: " + KNOWN_TAGS + ")");
            }
            layers.add(new Measurement(device, shape, batch, threads, precision, gemm, timing, median, p10, p90));
            layerLines.add(row.line());
        }
        return new MeasurementTable(source, layers, layerLines, casts, passes, wholeModels);
    }

    static double optionalPercentile(CsvTable.Row row, String column) {
        return !row.has(column) || row.text(column).isEmpty() ? Double.NaN : row.positive(column);
    }

    private static double optionalTime(CsvTable.Row row, String column) {
        return !row.has(column) || row.text(column).isEmpty() ? Double.NaN : row.nonNegative(column);
    }

    private static LayerShape shape(CsvTable.Row row) {
        String op = row.requiredText("op");
        int cin = row.integer("cin", 1);
        int h = row.integer("h", 1);
        int w = row.integer("w", 1);
        int cout = row.integer("cout", 1);
        int kh = row.integer("kh", 1);
        int kw = row.integer("kw", 1);
        int stride = row.integer("stride", 1);
        int pad = row.integer("pad", 0);
        int groups = row.integer("groups", 1);
        int oh = row.integer("oh", 1);
        int ow = row.integer("ow", 1);
        switch (op) {
            case "conv2d" -> {
                int eh = (h + 2 * pad - kh) / stride + 1;
                int ew = (w + 2 * pad - kw) / stride + 1;
                if (oh != eh || ow != ew) {
                    throw row.error("oh/ow " + oh + "x" + ow + " do not follow from h, w, kh, kw, stride and pad"
                            + " (expected " + eh + "x" + ew + ")");
                }
            }
            case "dense" -> {
                if (h != 1 || w != 1 || kh != 1 || kw != 1 || stride != 1 || pad != 0 || groups != 1 || oh != 1
                        || ow != 1) {
                    throw row.error("a dense row has h, w, kh, kw, stride, groups, oh, ow = 1 and pad = 0");
                }
            }
            case LayerShape.MAX_POOL -> {
                if (cin != cout || groups != cin) {
                    throw row.error("a max_pool2d row has cin = cout = groups (the channels)");
                }
                int fh = h + 2 * pad - kh;
                int fw = w + 2 * pad - kw;
                if (fh < 0 || fw < 0 || (oh != fh / stride + 1 && oh != Math.floorDiv(fh + stride - 1, stride) + 1)
                        || (ow != fw / stride + 1 && ow != Math.floorDiv(fw + stride - 1, stride) + 1)) {
                    throw row.error("oh/ow " + oh + "x" + ow + " do not follow from h, w, kh, kw, stride and pad"
                            + " (floor or ceil)");
                }
            }
            default -> {
                if (!PassShape.isPass(op)) {
                    throw row.error("op", "unknown op '" + op + "' (known: conv2d, dense, max_pool2d, "
                            + String.join(", ", PassShape.OPS) + ", " + EndToEndMeasurement.OP + ")");
                }
                if (h != 1 || w != 1 || groups != 1 || oh != 1 || ow != 1) {
                    throw row.error("a " + op + " pass row has h, w, groups, oh, ow = 1 (cin and cout hold the"
                            + " elements read and written)");
                }
                if (!op.equals("pool") && (kh != 1 || kw != 1 || stride != 1 || pad != 0)) {
                    throw row.error("a " + op + " pass row has kh, kw, stride = 1 and pad = 0 (a window is a"
                            + " pool's)");
                }
                if (row.integer("batch", 1) != 1) {
                    throw row.error("batch", "a pass row is measured at batch 1 (cin and cout count its elements)");
                }
            }
        }
        try {
            return new LayerShape(op, cin, h, w, cout, kh, kw, stride, pad, groups, oh, ow);
        } catch (IllegalArgumentException e) {
            throw row.error(e.getMessage());
        }
    }

    private static CastKind castKind(String tag) {
        for (CastKind c : CastKind.values()) {
            if (c.id().equals(tag)) {
                return c;
            }
        }
        return null;
    }

    private static Precision precision(String id) {
        for (Precision p : Precision.values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }

    public String source() {
        return source;
    }

    public List<Measurement> layers() {
        return layers;
    }

    /** The 1-based line of each of {@link #layers()} in its file, in the same order (0 for a table built in code). */
    public List<Integer> layerLines() {
        return layerLines;
    }

    public List<CastMeasurement> casts() {
        return casts;
    }

    /** The pass rows: whole groups without a GEMM ({@link PassShape}), in file order. */
    public List<Measurement> passes() {
        return passes;
    }

    /** The whole-model rows ({@code op} {@code model}), in file order. */
    public List<EndToEndMeasurement> wholeModels() {
        return wholeModels;
    }

    /** This table's rows followed by the other's. */
    public MeasurementTable merge(MeasurementTable other) {
        List<Measurement> l = new ArrayList<>(layers);
        l.addAll(other.layers);
        List<Integer> lines = new ArrayList<>(layerLines);
        lines.addAll(other.layerLines);
        List<CastMeasurement> c = new ArrayList<>(casts);
        c.addAll(other.casts);
        List<Measurement> p = new ArrayList<>(passes);
        p.addAll(other.passes);
        List<EndToEndMeasurement> w = new ArrayList<>(wholeModels);
        w.addAll(other.wholeModels);
        return new MeasurementTable(source + " + " + other.source, l, lines, c, p, w);
    }

    /** Every row measured for this key, in file order (a shape repeated in a model has several). */
    public List<Measurement> findAll(String device, LayerShape shape, int batch, int threads, String precisionTag,
                                     Timing timing) {
        return List.copyOf(layersByKey.getOrDefault(new Key(device, shape, batch, threads, precisionTag, timing),
                List.of()));
    }

    /**
     * The measurement for this key: of several rows, the one with the median {@code median_us} (the lower middle
     * one for an even count). {@code threads} is 0 for rows without threads; {@code precisionTag} is a precision
     * id or {@code <id>_gemm}.
     */
    public Optional<Measurement> find(String device, LayerShape shape, int batch, int threads, String precisionTag,
                                      Timing timing) {
        return middle(findAll(device, shape, batch, threads, precisionTag, timing), Measurement::medianUs);
    }

    /** As {@link #find(String, LayerShape, int, int, String, Timing)} for a whole-layer row at {@code precision}. */
    public Optional<Measurement> find(String device, LayerShape shape, int batch, int threads, Precision precision,
                                      Timing timing) {
        return find(device, shape, batch, threads, precision.id(), timing);
    }

    /** The cast measured next to a layer of {@code shape} (median row of several), timed eagerly. */
    public Optional<CastMeasurement> findCast(String device, LayerShape shape, int batch, int threads, CastKind kind) {
        return middle(castsByKey.getOrDefault(new Key(device, shape, batch, threads, kind.id(), Timing.EAGER),
                List.of()), CastMeasurement::medianUs);
    }

    /** The {@code pool_edge} rows of {@code device}, in file order. */
    public List<CastMeasurement> poolEdges(String device) {
        return casts.stream().filter(c -> c.kind() == CastKind.POOL_EDGE && c.device().equals(device)).toList();
    }

    /** Distinct shapes measured on {@code device}, in order of first appearance. */
    public List<LayerShape> shapes(String device) {
        LinkedHashSet<LayerShape> out = new LinkedHashSet<>();
        layers.stream().filter(m -> m.device().equals(device)).forEach(m -> out.add(m.shape()));
        return List.copyOf(out);
    }

    private static <T> Optional<T> middle(List<T> rows, java.util.function.ToDoubleFunction<T> median) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<T> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble(median));
        return Optional.of(sorted.get((sorted.size() - 1) / 2));
    }
}
