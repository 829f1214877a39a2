package dev.hetplace.experiments.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.measure.UserMeasurements;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.cost.vta.VtaCostSource;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.json.StrictJson;
import dev.hetplace.ir.source.WideDagSpec;
import dev.hetplace.ir.zoo.ModelZoo;
import dev.hetplace.planner.domain.Pin;
import dev.hetplace.planner.numerics.NoiseMode;
import dev.hetplace.planner.run.ModelInput;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.run.PlatformInput;
import dev.hetplace.planner.run.WorkLimit;
import dev.hetplace.planner.setting.SettingException;
import dev.hetplace.planner.validate.ExecutionRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a sweep spec ({@code schemaVersion} 1) and expands it to runs, refusing bad input before any run starts.
 * <p>
 * The top level holds axes (lists of values) and optionally {@code products} (a list of axis maps, each a cartesian
 * product whose missing axes fall back to the top level's) and {@code runs} (explicit runs, one value per key,
 * missing keys at their defaults). With neither, the top-level axes are one product. Axes: {@code models},
 * {@code platforms}, {@code targets} ("cpu,vta" or a list; null = every device), {@code overrides} (path -> list of
 * values, each path its own axis), {@code zipped} (a list of path -> list maps whose lists move together),
 * {@code variants} (a list of path -> value maps), {@code objectives}, {@code minSqnrDb} (null = no budget),
 * {@code tvmCompatible}, {@code solvers}, {@code seeds}, {@code batches}, {@code precisions} ("fp32,int8", a
 * list, or null = all) and {@code gpuTiming}. Beside the axes, a product or run may state what {@code place} says
 * with flags, each one value for all its runs: {@code pins} (a list of {@code LAYER=DEVICE:PRECISION}),
 * {@code validate} (true or false), {@code noise} ({@code estimate}, the default, {@code measured} or
 * {@code auto}), {@code vtaCosts} ({@code analytical}, the default, or {@code simulated}),
 * {@code measurements} (a list of measurement-table or AutoTVM log files) and the rest of {@link RunSettings}
 * ({@code weights}, {@code calibration}, {@code inputs}, {@code calibrationSamples}, {@code replans},
 * {@code simulateVta}, {@code runtime}, {@code noMemoryLimit}, {@code timefoldSteps}); they are checked as {@code place}
 * checks them and a problem is reported with {@code place}'s words.
 * Every problem is a {@link SpecException} whose one line names the file and the key.
 */
public final class SweepSpecReader {
    public static final int SCHEMA_VERSION = 1;
    public static final List<String> OBJECTIVES = List.of("latency", "throughput");
    public static final List<String> SOLVERS = SweepSolver.IDS;
    public static final List<String> TIMINGS = List.of("eager", "graph");
    static final List<String> AXES = List.of("models", "platforms", "targets", "overrides", "zipped", "variants",
            "objectives", "minSqnrDb", "tvmCompatible", "solvers", "seeds", "batches", "precisions", "gpuTiming");
    /** What a product or run states once for all its runs, as {@code place} states it with flags. */
    static final List<String> SETTINGS = Stream.concat(Stream.of("pins", "validate", "noise",
            "vtaCosts", "measurements"), RunSettings.ADDED_KEYS.stream()).toList();
    static final List<String> TOP = List.of("schemaVersion", "name", "description", "report", "products", "runs");
    static final List<String> RUN_KEYS = List.of("model", "platform", "targets", "overrides", "objective",
            "minSqnrDb", "tvmCompatible", "solver", "seed", "batch", "precisions", "gpuTiming", "pins", "validate",
            "noise", "vtaCosts", "measurements", "weights", "calibration", "inputs", "calibrationSamples", "replans",
            "simulateVta", "runtime", "noMemoryLimit", "timefoldSteps");
    public static final List<String> REPORT_SECTIONS = List.of("first-layer", "baselines", "solver-quality");

    private final String source;
    private final Map<String, ObjectNode> profileJson = new HashMap<>();
    /** The model files and generated DAGs already loaded (and so known to be readable). */
    private final Set<String> loadedModels = new java.util.HashSet<>();
    /** Where each override path of the product being read was written ({@code overrides.<path>}, ...). */
    private final Map<String, String> overrideOrigins = new HashMap<>();

    private SweepSpecReader(String source) {
        this.source = source;
    }

    public static SweepSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SpecException(file + ": no such sweep spec");
        } catch (IOException e) {
            throw new SpecException(file + ": cannot read the sweep spec (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    /** Parses and validates spec text; {@code source} names it in errors. */
    public static SweepSpec parse(String json, String source) {
        JsonNode root;
        try {
            root = StrictJson.parse(json);
        } catch (StrictJson.Malformed e) {
            throw new SpecException(source + ": " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new SpecException(source + ": a sweep spec is a JSON object");
        }
        return new SweepSpecReader(source).spec(root);
    }

    private SweepSpec spec(JsonNode root) {
        List<String> known = new ArrayList<>(TOP);
        known.addAll(AXES);
        known.addAll(SETTINGS);
        checkKeys(root, "", known);
        JsonNode v = root.get("schemaVersion");
        if (v == null) {
            throw error("schemaVersion", "missing (this reader knows version " + SCHEMA_VERSION + ")");
        }
        if (!v.isInt() || v.intValue() != SCHEMA_VERSION) {
            throw error("schemaVersion", "is " + v + "; this reader knows version " + SCHEMA_VERSION);
        }
        String name = root.has("name") ? text(root.get("name"), "name") : fileStem();
        String description = root.has("description") ? text(root.get("description"), "description") : "";
        List<String> report = new ArrayList<>();
        if (root.has("report")) {
            List<String> r = strings(root.get("report"), "report");
            for (int i = 0; i < r.size(); i++) {
                if (!REPORT_SECTIONS.contains(r.get(i))) {
                    throw error("report[" + i + "]", "unknown section '" + r.get(i) + "' (known: "
                            + String.join(", ", REPORT_SECTIONS) + ")");
                }
            }
            report.addAll(r);
        }
        LinkedHashMap<String, RunSpec> runs = new LinkedHashMap<>();
        boolean hasProducts = root.has("products");
        boolean hasRuns = root.has("runs");
        if (hasProducts) {
            JsonNode products = root.get("products");
            if (!products.isArray()) {
                throw error("products", "must be a list of axis maps");
            }
            if (products.isEmpty()) {
                throw error("products", "is empty: the product has no runs");
            }
            for (int i = 0; i < products.size(); i++) {
                JsonNode p = products.get(i);
                String where = "products[" + i + "]";
                if (!p.isObject()) {
                    throw error(where, "must be an object of axes");
                }
                List<String> axesAndSettings = new ArrayList<>(AXES);
                axesAndSettings.addAll(SETTINGS);
                checkKeys(p, where + ".", axesAndSettings);
                ObjectNode merged = ((ObjectNode) root).deepCopy();
                p.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
                product(merged, p, where + ".", runs);
            }
        }
        if (hasRuns) {
            JsonNode list = root.get("runs");
            if (!list.isArray()) {
                throw error("runs", "must be a list of run objects");
            }
            if (list.isEmpty()) {
                throw error("runs", "is empty: the spec has no runs");
            }
            for (int i = 0; i < list.size(); i++) {
                RunSpec r = explicitRun(list.get(i), "runs[" + i + "]");
                runs.putIfAbsent(r.hash(), r);
            }
        }
        if (!hasProducts && !hasRuns) {
            product(root, root, "", runs);
        }
        return new SweepSpec(name, description, source, List.copyOf(runs.values()), report, root);
    }

    /** Expands one product; {@code own} is where its axes were written (for error keys). */
    private void product(JsonNode axes, JsonNode own, String prefix, Map<String, RunSpec> out) {
        overrideOrigins.clear();
        String pre = prefix;
        java.util.function.Function<String, String> where = key -> (own.has(key) ? pre : "") + key;
        if (!axes.has("models")) {
            throw error(prefix + "models", "missing: name at least one model");
        }
        List<String> models = nonEmpty(strings(axes.get("models"), where.apply("models")), where.apply("models"));
        try {
            models = ModelGlob.expand(models);
        } catch (IllegalArgumentException e) {
            throw error(where.apply("models"), e.getMessage());
        }
        for (int i = 0; i < models.size(); i++) {
            checkModel(models.get(i), where.apply("models") + "[" + i + "]");
        }
        List<String> platforms = axes.has("platforms")
                ? nonEmpty(strings(axes.get("platforms"), where.apply("platforms")), where.apply("platforms"))
                : List.of("pynq-z1");
        List<List<String>> targets = axes.has("targets") ? nonEmpty(lists(axes.get("targets"),
                where.apply("targets")), where.apply("targets")) : singletonNull();
        List<Map<String, String>> overrides = overrideCombinations(axes, where);
        List<String> objectives = axes.has("objectives") ? nonEmpty(oneOf(strings(axes.get("objectives"),
                where.apply("objectives")), OBJECTIVES, where.apply("objectives")), where.apply("objectives"))
                : List.of("latency");
        List<Double> budgets = axes.has("minSqnrDb") ? nonEmpty(budgets(axes.get("minSqnrDb"),
                where.apply("minSqnrDb")), where.apply("minSqnrDb")) : singletonNull();
        List<Boolean> tvm = axes.has("tvmCompatible") ? nonEmpty(booleans(axes.get("tvmCompatible"),
                where.apply("tvmCompatible")), where.apply("tvmCompatible")) : List.of(false);
        List<String> solvers = axes.has("solvers") ? nonEmpty(oneOf(strings(axes.get("solvers"),
                where.apply("solvers")), SOLVERS, where.apply("solvers")), where.apply("solvers")) : List.of("auto");
        List<Long> seeds = axes.has("seeds") ? nonEmpty(longs(axes.get("seeds"), where.apply("seeds"), Long.MIN_VALUE),
                where.apply("seeds")) : List.of(0L);
        List<Long> batches = axes.has("batches") ? nonEmpty(longs(axes.get("batches"), where.apply("batches"), 1),
                where.apply("batches")) : List.of(1L);
        for (int i = 0; i < batches.size(); i++) {
            checkBatch(batches.get(i), where.apply("batches") + "[" + i + "]");
        }
        List<List<String>> precisions = axes.has("precisions") ? nonEmpty(lists(axes.get("precisions"),
                where.apply("precisions")), where.apply("precisions")) : List.of(List.of());
        for (int i = 0; i < precisions.size(); i++) {
            List<String> ps = precisions.get(i) == null ? List.of() : precisions.get(i);
            for (String p : ps) {
                try {
                    Precision.parse(p);
                } catch (IllegalArgumentException e) {
                    throw error(where.apply("precisions") + "[" + i + "]", e.getMessage());
                }
            }
        }
        List<String> timings = axes.has("gpuTiming") ? nonEmpty(oneOf(strings(axes.get("gpuTiming"),
                where.apply("gpuTiming")), TIMINGS, where.apply("gpuTiming")), where.apply("gpuTiming"))
                : List.of("eager");
        for (int pi = 0; pi < platforms.size(); pi++) {
            String platformKey = where.apply("platforms") + "[" + pi + "]";
            for (Map<String, String> o : overrides) {
                Platform p = platform(platforms.get(pi), o, platformKey, where.apply("overrides"));
                for (int ti = 0; ti < targets.size(); ti++) {
                    checkTargets(p, targets.get(ti), where.apply("targets") + "[" + ti + "]");
                }
            }
        }
        RunSettings settings = settings(axes, where);
        for (String m : models) {
            for (String pl : platforms) {
                for (Map<String, String> o : overrides) {
                    for (List<String> t : targets) {
                        for (List<String> pr : precisions) {
                            for (long b : batches) {
                                for (String timing : timings) {
                                    for (String obj : objectives) {
                                        for (boolean tv : tvm) {
                                            for (Double budget : budgets) {
                                                for (String s : solvers) {
                                                    for (long seed : seeds) {
                                                        RunSpec r = new RunSpec(m, pl, t, o, obj,
                                                                budget, tv, s, seed, (int) b,
                                                                pr == null ? List.of() : pr, timing)
                                                                .withSettings(settings);
                                                        out.putIfAbsent(r.hash(), r);
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private RunSpec explicitRun(JsonNode n, String where) {
        overrideOrigins.clear();
        if (!n.isObject()) {
            throw error(where, "must be an object with the keys " + String.join(", ", RUN_KEYS));
        }
        checkKeys(n, where + ".", RUN_KEYS);
        if (!n.has("model")) {
            throw error(where + ".model", "missing");
        }
        String model = text(n.get("model"), where + ".model");
        checkModel(model, where + ".model");
        String platform = n.has("platform") ? text(n.get("platform"), where + ".platform") : "pynq-z1";
        List<String> targets = n.has("targets") ? list(n.get("targets"), where + ".targets") : null;
        Map<String, String> overrides = new LinkedHashMap<>();
        if (n.has("overrides")) {
            JsonNode o = n.get("overrides");
            if (!o.isObject()) {
                throw error(where + ".overrides", "must map profile paths to values");
            }
            o.fields().forEachRemaining(e -> {
                overrides.put(e.getKey(), scalar(e.getValue(), where + ".overrides." + e.getKey()));
                overrideOrigins.put(e.getKey(), where + ".overrides." + e.getKey());
            });
        }
        Platform p = platform(platform, overrides, where + ".platform", where + ".overrides");
        checkTargets(p, targets, where + ".targets");
        String objective = n.has("objective") ? oneOf(List.of(text(n.get("objective"), where + ".objective")),
                OBJECTIVES, where + ".objective").get(0) : "latency";
        Double budget = n.has("minSqnrDb") ? budget(n.get("minSqnrDb"), where + ".minSqnrDb") : null;
        boolean tvm = n.has("tvmCompatible") && bool(n.get("tvmCompatible"), where + ".tvmCompatible");
        String solver = n.has("solver") ? oneOf(List.of(text(n.get("solver"), where + ".solver")), SOLVERS,
                where + ".solver").get(0) : "auto";
        long seed = n.has("seed") ? integer(n.get("seed"), where + ".seed", Long.MIN_VALUE) : 0;
        long batch = n.has("batch") ? integer(n.get("batch"), where + ".batch", 1) : 1;
        checkBatch(batch, where + ".batch");
        List<String> precisions = n.has("precisions") ? list(n.get("precisions"), where + ".precisions") : null;
        for (String pr : precisions == null ? List.<String>of() : precisions) {
            try {
                Precision.parse(pr);
            } catch (IllegalArgumentException e) {
                throw error(where + ".precisions", e.getMessage());
            }
        }
        String timing = n.has("gpuTiming") ? oneOf(List.of(text(n.get("gpuTiming"), where + ".gpuTiming")), TIMINGS,
                where + ".gpuTiming").get(0) : "eager";
        return new RunSpec(model, platform, targets, overrides, objective, budget, tvm, solver, seed, (int) batch,
                precisions == null ? List.of() : precisions, timing, settings(n, key -> where + "." + key));
    }

    /** Reads the {@link #SETTINGS} a product or run states and checks them as {@code place} checks its flags. */
    private RunSettings settings(JsonNode n, java.util.function.Function<String, String> where) {
        RunSettings.Builder b = RunSettings.builder();
        List<String> pins = n.has("pins") ? strings(n.get("pins"), where.apply("pins")) : List.of();
        for (int i = 0; i < pins.size(); i++) {
            String pin = pins.get(i);
            placeCheck(where.apply("pins") + "[" + i + "]", () -> Pin.parse(pin));
        }
        boolean validate = n.has("validate") && bool(n.get("validate"), where.apply("validate"));
        b.pins(pins).validate(validate);
        choice(n, where, "noise", NoiseMode.class, "measured, onnxruntime, estimate or auto")
                .ifPresent(b::noise);
        choice(n, where, "vtaCosts", VtaCostSource.class, "analytical or simulated")
                .ifPresent(b::vtaCosts);
        List<String> files = n.has("measurements") ? strings(n.get("measurements"), where.apply("measurements"))
                : List.of();
        placeCheck(where.apply("measurements"), () -> UserMeasurements.read(files.stream().map(Path::of).toList()));
        b.measurements(files);
        choice(n, where, "weights", WeightMode.class, "onnx or synthetic")
                .filter(w -> w != WeightMode.AUTO || failChoice(where.apply("weights"), "auto", "onnx or synthetic"))
                .ifPresent(b::weights);
        choice(n, where, "calibration", CalibrationMode.class, "global-scale or max")
                .ifPresent(b::calibration);
        if (n.has("inputs")) {
            String dir = text(n.get("inputs"), where.apply("inputs"));
            if (!Files.isDirectory(Path.of(dir))) {
                throw error(where.apply("inputs"), "inputs directory '" + dir + "' does not exist or is not a directory");
            }
            b.inputs(dir);
        }
        if (n.has("calibrationSamples")) {
            long samples = atLeast(n, where, "calibrationSamples", 1, "at least 1");
            placeCheck(where.apply("calibrationSamples"), () -> WorkLimit.CALIBRATION_SAMPLES.check(samples,
                    "the calibration"));
            b.calibrationSamples((int) samples);
        }
        if (n.has("replans")) {
            b.replans((int) atLeast(n, where, "replans", 0, "0 or more"));
        }
        boolean simulate = n.has("simulateVta") && bool(n.get("simulateVta"), where.apply("simulateVta"));
        if (simulate && !validate) {
            throw error(where.apply("simulateVta"), "needs validate (it changes how the plan is validated)");
        }
        Optional<ExecutionRuntime> runtime = choice(n, where, "runtime", ExecutionRuntime.class, "java or onnxruntime");
        if (runtime.orElse(ExecutionRuntime.JAVA) == ExecutionRuntime.ONNXRUNTIME && (!validate || simulate)) {
            throw error(where.apply("runtime"), validate ? "onnxruntime and simulateVta exclude each other"
                    : "onnxruntime needs validate (it says where the plan is validated)");
        }
        runtime.ifPresent(b::runtime);
        b.simulateVta(simulate);
        b.noMemoryLimit(n.has("noMemoryLimit") && bool(n.get("noMemoryLimit"), where.apply("noMemoryLimit")));
        if (n.has("timefoldSteps")) {
            b.timefoldSteps((int) atLeast(n, where, "timefoldSteps", 1, "at least 1"));
        }
        return b.build();
    }

    /** An integer setting of at least {@code min}, refused naming its key. */
    private long atLeast(JsonNode n, java.util.function.Function<String, String> where, String key, long min,
                         String bound) {
        long v = integer(n.get(key), where.apply(key), Long.MIN_VALUE);
        if (v < min || v > Integer.MAX_VALUE) {
            throw error(where.apply(key), "must be " + bound + ", got " + v);
        }
        return v;
    }

    /** The constant a choice setting names, when stated; refused naming its key otherwise. */
    private <E extends Enum<E>> Optional<E> choice(JsonNode n, java.util.function.Function<String, String> where,
                                                   String key, Class<E> type, String listed) {
        if (!n.has(key)) {
            return Optional.empty();
        }
        String value = text(n.get(key), where.apply(key));
        E e = RunSettings.choiceOrNull(type, value);
        if (e == null) {
            failChoice(where.apply(key), value, listed);
        }
        return Optional.of(e);
    }

    private boolean failChoice(String key, String value, String listed) {
        throw error(key, "must be " + listed + ", got '" + value + "'");
    }

    /** Runs a check {@code place} runs on its flags; a refusal names the settings as the spec's keys. */
    private void placeCheck(String key, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw error(key, SettingException.message(e, SpecKeys.WORDING));
        }
    }

    /** The cartesian product of the override axes, zipped groups and variants, in that order. */
    private List<Map<String, String>> overrideCombinations(JsonNode axes, java.util.function.Function<String, String> where) {
        List<List<Map<String, String>>> axesList = new ArrayList<>();
        if (axes.has("overrides")) {
            String key = where.apply("overrides");
            JsonNode o = axes.get("overrides");
            if (!o.isObject()) {
                throw error(key, "must map profile paths to lists of values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> values = scalars(e.getValue(), key + "." + e.getKey());
                overrideOrigins.put(e.getKey(), key + "." + e.getKey());
                List<Map<String, String>> axis = new ArrayList<>();
                for (String value : nonEmpty(values, key + "." + e.getKey())) {
                    axis.add(Map.of(e.getKey(), value));
                }
                axesList.add(axis);
            }
        }
        if (axes.has("zipped")) {
            String key = where.apply("zipped");
            JsonNode z = axes.get("zipped");
            if (!z.isArray()) {
                throw error(key, "must be a list of path -> list maps whose lists move together");
            }
            nonEmpty(listOf(z), key);
            for (int g = 0; g < z.size(); g++) {
                JsonNode group = z.get(g);
                String gk = key + "[" + g + "]";
                if (!group.isObject() || group.isEmpty()) {
                    throw error(gk, "must map profile paths to lists of equal length");
                }
                int len = -1;
                Map<String, List<String>> cols = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = group.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    List<String> vals = nonEmpty(scalars(e.getValue(), gk + "." + e.getKey()), gk + "." + e.getKey());
                    overrideOrigins.put(e.getKey(), gk + "." + e.getKey());
                    if (len >= 0 && vals.size() != len) {
                        throw error(gk + "." + e.getKey(), "has " + vals.size() + " values where the group's other "
                                + "paths have " + len + ": zipped lists move together and need equal lengths");
                    }
                    len = vals.size();
                    cols.put(e.getKey(), vals);
                }
                List<Map<String, String>> axis = new ArrayList<>();
                for (int i = 0; i < len; i++) {
                    Map<String, String> m = new LinkedHashMap<>();
                    int row = i;
                    cols.forEach((path, vals) -> m.put(path, vals.get(row)));
                    axis.add(m);
                }
                axesList.add(axis);
            }
        }
        if (axes.has("variants")) {
            String key = where.apply("variants");
            JsonNode v = axes.get("variants");
            if (!v.isArray()) {
                throw error(key, "must be a list of path -> value maps");
            }
            List<Map<String, String>> axis = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode m = v.get(i);
                if (!m.isObject()) {
                    throw error(key + "[" + i + "]", "must map profile paths to values ({} = the platform as is)");
                }
                Map<String, String> map = new LinkedHashMap<>();
                int idx = i;
                m.fields().forEachRemaining(e -> {
                    map.put(e.getKey(), scalar(e.getValue(), key + "[" + idx + "]." + e.getKey()));
                    overrideOrigins.putIfAbsent(e.getKey(), key + "[" + idx + "]." + e.getKey());
                });
                axis.add(map);
            }
            axesList.add(nonEmpty(axis, key));
        }
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(Map.of());
        for (List<Map<String, String>> axis : axesList) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (Map<String, String> a : axis) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    for (Map.Entry<String, String> e : a.entrySet()) {
                        if (m.containsKey(e.getKey())) {
                            throw error(where.apply("overrides"), "path '" + e.getKey()
                                    + "' is set by two override axes (overrides, zipped, variants)");
                        }
                        m.put(e.getKey(), e.getValue());
                    }
                    next.add(m);
                }
            }
            combos = next;
        }
        return combos;
    }

    private Platform platform(String name, Map<String, String> overrides, String platformKey, String overrideKey) {
        ObjectNode tree = profileJson.get(name);
        if (tree == null) {
            boolean builtIn = Profiles.builtInNames().contains(name);
            if (!builtIn && !Files.isRegularFile(Path.of(name))) {
                throw error(platformKey, "unknown platform '" + name + "' (built-in: "
                        + String.join(", ", Profiles.builtInNames()) + "; or a path to a profile JSON file)");
            }
            try {
                tree = Profiles.resolveJson(name);
            } catch (IllegalArgumentException e) {
                throw error(platformKey, e.getMessage());
            }
            profileJson.put(name, tree);
        }
        try {
            return overrides.isEmpty() ? Profiles.fromJson(tree, name) : Profiles.withOverrides(tree, name, overrides);
        } catch (IllegalArgumentException e) {
            String key = overrides.isEmpty() ? platformKey : overrideKey;
            for (String path : overrides.keySet()) {
                if (e.getMessage() != null && e.getMessage().contains("'" + path + "'")) {
                    key = overrideOrigins.getOrDefault(path, overrideKey);
                    break;
                }
            }
            throw error(key, e.getMessage() + (overrides.isEmpty() ? "" : " (on platform " + name + ")"));
        }
    }

    private void checkTargets(Platform p, List<String> targets, String key) {
        if (targets == null) {
            return;
        }
        if (targets.isEmpty()) {
            throw error(key, "is empty (null = every device of the platform)");
        }
        placeCheck(key, () -> PlatformInput.checkTargets(p, targets));
    }

    private void checkBatch(long batch, String key) {
        try {
            WorkLimit.BATCH.check(batch, "the batch");
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /** A model file or generated DAG is loaded once here, so that a damaged one fails before any run starts. */
    private void checkModel(String model, String key) {
        String lower = model.toLowerCase(Locale.ROOT);
        boolean file = lower.endsWith(".onnx") || lower.endsWith(".json");
        if (file && !Files.isRegularFile(Path.of(model))) {
            throw error(key, "model file '" + model + "' does not exist");
        }
        if (WideDagSpec.names(model) || file) {
            if (loadedModels.add(model)) {
                try {
                    ModelInput.load(model);
                } catch (IllegalArgumentException e) {
                    throw error(key, e.getMessage());
                }
            }
            return;
        }
        if (!ModelZoo.contains(model)) {
            throw error(key, "unknown model '" + model + "' (zoo: " + String.join(", ", ModelZoo.names())
                    + "; or an .onnx / graph .json path; or wide-dag:GROUPS[:WIDTH[:MAXSKIP[:SEED]]])");
        }
    }

    private void checkKeys(JsonNode n, String prefix, List<String> known) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw error(prefix + k, "unknown key (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private static List<JsonNode> listOf(JsonNode arr) {
        List<JsonNode> l = new ArrayList<>();
        arr.forEach(l::add);
        return l;
    }

    private <T> List<T> nonEmpty(List<T> l, String key) {
        if (l.isEmpty()) {
            throw error(key, "is empty: the product has no runs");
        }
        return l;
    }

    private List<String> oneOf(List<String> values, List<String> allowed, String key) {
        for (int i = 0; i < values.size(); i++) {
            if (!allowed.contains(values.get(i))) {
                throw error(key, "unknown value '" + values.get(i) + "' (known: " + String.join(", ", allowed) + ")");
            }
        }
        return values;
    }

    private String text(JsonNode n, String key) {
        if (!n.isTextual()) {
            throw error(key, "must be a string, got " + n);
        }
        return n.textValue();
    }

    private List<String> strings(JsonNode n, String key) {
        if (!n.isArray()) {
            throw error(key, "must be a list of strings, got " + n);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(text(n.get(i), key + "[" + i + "]"));
        }
        return out;
    }

    /** Elements: "a,b", ["a","b"] or null. */
    private List<List<String>> lists(JsonNode n, String key) {
        if (!n.isArray()) {
            throw error(key, "must be a list whose elements are \"a,b\", [\"a\", \"b\"] or null");
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(list(n.get(i), key + "[" + i + "]"));
        }
        return out;
    }

    private List<String> list(JsonNode n, String key) {
        if (n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return Arrays.stream(n.textValue().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return strings(n, key);
    }

    private List<String> scalars(JsonNode n, String key) {
        if (!n.isArray()) {
            return List.of(scalar(n, key));
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < n.size(); i++) {
            String s = scalar(n.get(i), key + "[" + i + "]");
            if (seen.add(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** A profile override value as text: strings as they are, numbers and lists as their JSON. */
    private String scalar(JsonNode n, String key) {
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isNumber() || n.isBoolean() || n.isArray()) {
            return n.toString();
        }
        throw error(key, "must be a number, string, boolean or list, got " + n);
    }

    private List<Double> budgets(JsonNode n, String key) {
        if (!n.isArray()) {
            throw error(key, "must be a list of dB values (null = no budget)");
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(budget(n.get(i), key + "[" + i + "]"));
        }
        return out;
    }

    private Double budget(JsonNode n, String key) {
        if (n.isNull()) {
            return null;
        }
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw error(key, "must be a finite number of dB or null, got " + n);
        }
        String problem = dev.hetplace.planner.solve.PlanRequest.budgetProblem(n.doubleValue());
        if (problem != null) {
            throw error(key, problem);
        }
        return n.doubleValue();
    }

    private List<Boolean> booleans(JsonNode n, String key) {
        if (!n.isArray()) {
            throw error(key, "must be a list of booleans, e.g. [false, true]");
        }
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(bool(n.get(i), key + "[" + i + "]"));
        }
        return out;
    }

    private boolean bool(JsonNode n, String key) {
        if (!n.isBoolean()) {
            throw error(key, "must be true or false, got " + n);
        }
        return n.booleanValue();
    }

    private List<Long> longs(JsonNode n, String key, long min) {
        if (!n.isArray()) {
            throw error(key, "must be a list of integers");
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(integer(n.get(i), key + "[" + i + "]", min));
        }
        return out;
    }

    private long integer(JsonNode n, String key, long min) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw error(key, "must be an integer, got " + n);
        }
        if (n.longValue() < min) {
            throw error(key, "must be at least " + min + ", got " + n);
        }
        if (min >= 1 && n.longValue() > Integer.MAX_VALUE) {
            throw error(key, "is too large: " + n);
        }
        return n.longValue();
    }

    private static <T> List<T> singletonNull() {
        List<T> l = new ArrayList<>();
        l.add(null);
        return l;
    }

    private String fileStem() {
        String f = Path.of(source).getFileName().toString();
        return f.endsWith(".json") ? f.substring(0, f.length() - 5) : f;
    }

    private SpecException error(String key, String problem) {
        return new SpecException(source + ": " + key + ": " + problem.replaceAll("[\\r\\n]+", " "));
    }
}
