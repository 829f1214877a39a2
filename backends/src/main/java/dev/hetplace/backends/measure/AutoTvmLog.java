package dev.hetplace.backends.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Imports TVM AutoTVM / TopHub tuning logs (format 0.2: one JSON object per line with {@code input},
 * {@code config}, {@code result}, {@code version}) for the conv2d, depthwise conv2d and dense templates of VTA
 * and arm_cpu. Blank lines and {@code #} comment lines are skipped; any other line that is not a supported
 * record is a {@link MeasurementException} naming the file and line, and nothing is returned.
 */
public final class AutoTvmLog {
    public static final Set<String> TASKS = Set.of("conv2d_packed.vta", "dense_packed.vta",
            "group_conv2d_packed.vta", "conv2d_transpose_packed.vta", "conv2d_nchw_spatial_pack.arm_cpu",
            "conv2d_nchw_winograd.arm_cpu", "depthwise_conv2d_nchw.arm_cpu", "dense_nopack.x86");
    // two records on one line are one bad line, not a record and some ignored text
    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build().reader();

    private AutoTvmLog() {
    }

    public static List<AutoTvmRecord> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (NoSuchFileException e) {
            throw new MeasurementException(file + ": no such AutoTVM log");
        } catch (IOException e) {
            throw new MeasurementException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    public static List<AutoTvmRecord> read(Reader reader, String source) {
        List<AutoTvmRecord> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(reader)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                out.add(new LineParser(source, lineNo).parse(line));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(source + ": " + e.getMessage(), e);
        }
        return List.copyOf(out);
    }

    /** Parses one line; every error names the source and line. */
    private record LineParser(String source, int line) {

        MeasurementException error(String message) {
            return new MeasurementException(source + ":" + line + ": " + message);
        }

        AutoTvmRecord parse(String text) {
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw error("malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
            }
            if (root == null || !root.isObject()) {
                throw error("not a JSON object");
            }
            if (root.has("i") && !root.has("input")) {
                throw error("log format 0.1 (keys i, r, v); only format 0.2 is read");
            }
            JsonNode version = field(root, "version");
            if (!version.isNumber() || version.asDouble() != 0.2) {
                throw error("unsupported log format version " + version + " (reads 0.2)");
            }
            JsonNode input = field(root, "input");
            if (!input.isArray() || input.size() < 3) {
                throw error("'input' must be [target, task_name, args, kwargs]");
            }
            String target = text(input.get(0), "target");
            String task = text(input.get(1), "task name");
            if (!TASKS.contains(task)) {
                throw error("unknown task '" + task + "' (known: " + String.join(", ", new TreeSet<>(TASKS)) + ")");
            }
            String device = device(target);
            if (task.endsWith(".vta") != device.equals("vta")) {
                throw error("task '" + task + "' does not run on target '" + target + "'");
            }
            if (option(target, "-model=").isEmpty()) {
                throw error("target '" + target + "' has no -model=, so the board it was tuned on is unknown");
            }
            JsonNode args = input.get(2);
            if (!args.isArray()) {
                throw error("task arguments must be a list");
            }
            Workload w = workload(task, args);

            JsonNode config = field(root, "config");
            Map<String, List<Integer>> splits = new LinkedHashMap<>();
            Map<String, Integer> options = new LinkedHashMap<>();
            Map<String, String> others = new LinkedHashMap<>();
            for (JsonNode knob : field(config, "entity")) {
                if (!knob.isArray() || knob.size() != 3 || !knob.get(0).isTextual() || !knob.get(1).isTextual()) {
                    throw error("config knob " + knob + " is not [name, type, value]");
                }
                String name = knob.get(0).asText();
                switch (knob.get(1).asText()) {
                    case "sp" -> splits.put(name, ints(knob.get(2), "split knob " + name));
                    case "ot" -> {
                        if (!knob.get(2).isInt()) {
                            throw error("knob " + name + " value " + knob.get(2) + " is not an integer");
                        }
                        options.put(name, knob.get(2).asInt());
                    }
                    default -> others.put(name, knob.get(2).toString());
                }
            }

            JsonNode result = field(root, "result");
            if (!result.isArray() || result.size() < 4 || !result.get(0).isArray() || result.get(0).isEmpty()
                    || !result.get(0).get(0).isNumber() || !result.get(1).isInt()) {
                throw error("'result' must be [costs, error_no, all_cost, timestamp]");
            }
            double cost = result.get(0).get(0).asDouble();
            if (!(cost > 0) || !Double.isFinite(cost)) {
                throw error("cost " + cost + " is not a finite positive time in seconds");
            }
            if (task.endsWith(".vta") && w.precision != Precision.INT8) {
                throw error("VTA task '" + task + "' with " + w.precision.id() + " data; VTA computes on int8");
            }
            checkSplits(task, w, args, splits);
            return new AutoTvmRecord(line, target, task, device, option(target, "-model="),
                    task.endsWith(".vta") ? Layout.BLOCKED : Layout.PLAIN, w.precision, w.shape, w.batch, w.strides,
                    w.padding, w.dilation, splits, options, others, cost, result.get(1).asInt(),
                    result.get(3).asDouble());
        }

        /**
         * A split knob divides one axis into factors whose product is the axis length (TVM's define_split; -1 is
         * the placeholder for "the rest", which fits any length). The axes are those of the templates' schedules:
         * vta/python/vta/top/vta_conv2d.py and vta_dense.py (tile_b, tile_h, tile_w, tile_ci, tile_co over the
         * packed data and kernel), python/tvm/topi/arm_cpu/conv2d_spatial_pack.py (tile_co, tile_oh, tile_ow),
         * python/tvm/topi/x86/dense.py dense_nopack (tile_y over M, tile_x over N, tile_k over K).
         */
        private void checkSplits(String task, Workload w, JsonNode args, Map<String, List<Integer>> splits) {
            Map<String, Integer> axes = new LinkedHashMap<>();
            List<Integer> data = tensor(arg(args, 0), "data");
            List<Integer> kernel = tensor(arg(args, 1), "kernel");
            switch (task) {
                case "conv2d_packed.vta", "group_conv2d_packed.vta" -> {
                    axes.put("tile_b", data.get(0));
                    axes.put("tile_h", w.shape.oh());
                    axes.put("tile_w", w.shape.ow());
                    axes.put("tile_ci", data.get(1));
                    axes.put("tile_co", kernel.get(0));
                }
                case "dense_packed.vta" -> {
                    axes.put("tile_b", data.get(0));
                    axes.put("tile_ci", data.get(1));
                    axes.put("tile_co", kernel.get(0));
                }
                case "conv2d_nchw_spatial_pack.arm_cpu" -> {
                    axes.put("tile_co", w.shape.cout());
                    axes.put("tile_oh", w.shape.oh());
                    axes.put("tile_ow", w.shape.ow());
                }
                case "dense_nopack.x86" -> {
                    axes.put("tile_y", w.batch);
                    axes.put("tile_x", w.shape.cout());
                    axes.put("tile_k", w.shape.cin());
                }
                default -> {
                    return;
                }
            }
            for (Map.Entry<String, Integer> axis : axes.entrySet()) {
                List<Integer> factors = splits.get(axis.getKey());
                if (factors == null || factors.contains(-1)) {
                    continue;
                }
                long product = 1;
                for (int f : factors) {
                    product *= f;
                }
                if (product != axis.getValue()) {
                    throw error("split " + axis.getKey() + " " + factors + " multiplies to " + product + ", but the"
                            + " workload's axis is " + axis.getValue() + " long");
                }
            }
        }

        private record Workload(LayerShape shape, int batch, Precision precision, List<Integer> strides,
                                List<Integer> padding, List<Integer> dilation) {
        }

        private Workload workload(String task, JsonNode args) {
            List<Integer> data = tensor(arg(args, 0), "data");
            List<Integer> kernel = tensor(arg(args, 1), "kernel");
            Precision precision = dtype(arg(args, 0).get(2).asText());
            boolean packed = task.endsWith(".vta");
            if (task.startsWith("dense")) {
                int batch;
                int in;
                int out;
                if (packed) {
                    rank(data, 4, "data");
                    rank(kernel, 4, "weight");
                    batch = data.get(0) * data.get(2);
                    in = data.get(1) * data.get(3);
                    out = kernel.get(0) * kernel.get(2);
                } else {
                    rank(data, 2, "data");
                    rank(kernel, 2, "weight");
                    batch = data.get(0);
                    in = data.get(1);
                    out = kernel.get(0);
                }
                return new Workload(LayerShape.dense(in, out), batch, precision, List.of(1, 1), List.of(0, 0, 0, 0),
                        List.of(1, 1));
            }
            List<Integer> strides = pair(ints(arg(args, 2), "strides"), "strides");
            List<Integer> padding = padding(ints(arg(args, 3), "padding"));
            boolean transpose = task.startsWith("conv2d_transpose");
            List<Integer> dilation = transpose ? List.of(1, 1) : pair(ints(arg(args, 4), "dilation"), "dilation");
            int batch;
            int cin;
            int h;
            int w;
            int cout;
            int kh = kernel.get(2);
            int kw = kernel.get(3);
            int groups = 1;
            if (packed) {
                rank(data, 6, "data");
                rank(kernel, 6, "kernel");
                batch = data.get(0) * data.get(4);
                cin = data.get(1) * data.get(5);
                h = data.get(2);
                w = data.get(3);
                cout = kernel.get(0) * kernel.get(4);
                if (task.startsWith("group_conv2d")) {
                    groups = integer(arg(args, 5), "group");
                }
            } else {
                rank(data, 4, "data");
                rank(kernel, 4, "kernel");
                batch = data.get(0);
                cin = data.get(1);
                h = data.get(2);
                w = data.get(3);
                if (task.startsWith("depthwise")) {
                    groups = cin;
                    cout = cin * kernel.get(1);
                } else {
                    cout = kernel.get(0);
                }
            }
            int oh;
            int ow;
            if (transpose) {
                List<Integer> outputPadding = pair(ints(arg(args, 5), "output_padding"), "output_padding", 0);
                oh = (h - 1) * strides.get(0) - padding.get(0) - padding.get(2) + kh + outputPadding.get(0);
                ow = (w - 1) * strides.get(1) - padding.get(1) - padding.get(3) + kw + outputPadding.get(1);
            } else {
                int ekh = (kh - 1) * dilation.get(0) + 1;
                int ekw = (kw - 1) * dilation.get(1) + 1;
                oh = (h + padding.get(0) + padding.get(2) - ekh) / strides.get(0) + 1;
                ow = (w + padding.get(1) + padding.get(3) - ekw) / strides.get(1) + 1;
            }
            String op = transpose ? "conv2d_transpose" : "conv2d";
            try {
                return new Workload(new LayerShape(op, cin, h, w, cout, kh, kw, strides.get(0), padding.get(0), groups,
                        oh, ow), batch, precision, strides, padding, dilation);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private JsonNode field(JsonNode node, String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                throw error("missing '" + name + "'");
            }
            return v;
        }

        private JsonNode arg(JsonNode args, int i) {
            if (i >= args.size()) {
                throw error("task arguments: expected at least " + (i + 1) + ", got " + args.size());
            }
            return args.get(i);
        }

        private String text(JsonNode n, String what) {
            if (n == null || !n.isTextual()) {
                throw error(what + " must be a string, got " + n);
            }
            return n.asText();
        }

        private int integer(JsonNode n, String what) {
            if (!n.isInt() || n.asInt() < 1) {
                throw error(what + " must be a positive integer, got " + n);
            }
            return n.asInt();
        }

        private List<Integer> ints(JsonNode n, String what) {
            if (n.isInt()) {
                return List.of(n.asInt());
            }
            if (!n.isArray()) {
                throw error(what + " must be a list of integers, got " + n);
            }
            List<Integer> out = new ArrayList<>();
            for (JsonNode e : n) {
                if (!e.isInt()) {
                    throw error(what + " must be a list of integers, got " + n);
                }
                out.add(e.asInt());
            }
            return out;
        }

        private List<Integer> pair(List<Integer> v, String what) {
            return pair(v, what, 1);
        }

        private List<Integer> pair(List<Integer> v, String what, int min) {
            List<Integer> two = v.size() == 1 ? List.of(v.get(0), v.get(0)) : v;
            if (two.size() != 2 || two.get(0) < min || two.get(1) < min) {
                throw error(what + " must be two integers >= " + min + ", got " + v);
            }
            return two;
        }

        /** TVM padding: 1 int, [pad_h, pad_w] or [top, left, bottom, right]. */
        private List<Integer> padding(List<Integer> p) {
            if (p.stream().anyMatch(x -> x < 0)) {
                throw error("negative padding " + p);
            }
            return switch (p.size()) {
                case 1 -> List.of(p.get(0), p.get(0), p.get(0), p.get(0));
                case 2 -> List.of(p.get(0), p.get(1), p.get(0), p.get(1));
                case 4 -> p;
                default -> throw error("padding must have 1, 2 or 4 integers, got " + p);
            };
        }

        private List<Integer> tensor(JsonNode n, String what) {
            if (!n.isArray() || n.size() != 3 || !"TENSOR".equals(n.get(0).asText()) || !n.get(2).isTextual()) {
                throw error(what + " must be [\"TENSOR\", shape, dtype], got " + n);
            }
            List<Integer> shape = ints(n.get(1), what + " shape");
            if (shape.stream().anyMatch(x -> x < 1)) {
                throw error(what + " shape " + shape + " has a non-positive dimension");
            }
            return shape;
        }

        private void rank(List<Integer> shape, int rank, String what) {
            if (shape.size() != rank) {
                throw error(what + " shape " + shape + " must have rank " + rank);
            }
        }

        private Precision dtype(String dtype) {
            return switch (dtype) {
                case "int8" -> Precision.INT8;
                case "float32" -> Precision.FP32;
                case "float16" -> Precision.FP16;
                default -> throw error("unsupported data type '" + dtype + "' (known: int8, float32, float16)");
            };
        }

        private String device(String target) {
            if (target.contains("-device=vta")) {
                return "vta";
            }
            if (target.startsWith("llvm")) {
                return "cpu";
            }
            throw error("unsupported target '" + target + "' (known: ext_dev -device=vta ..., llvm ...)");
        }

        private static String option(String target, String prefix) {
            for (String token : target.split("\\s+")) {
                if (token.startsWith(prefix)) {
                    return token.substring(prefix.length());
                }
            }
            return "";
        }
    }
}
