package dev.hetplace.experiments.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.cost.vta.VtaCostSource;
import dev.hetplace.planner.numerics.NoiseMode;
import dev.hetplace.planner.validate.ExecutionRuntime;
import dev.hetplace.planner.validate.ValidatedPlanning;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a sweep run states with {@code place}'s flags beyond the problem itself, each at the default a sweep gives
 * it: {@code pins}, {@code validate}, {@code noise} ({@code estimate}), {@code vtaCosts}, {@code measurements},
 * {@code weights}, {@code calibration}, {@code inputs}, {@code calibrationSamples}, {@code replans},
 * {@code simulateVta}, {@code runtime}, {@code noMemoryLimit} and {@code timefoldSteps} (null: the solver's).
 */
public record RunSettings(List<String> pins, boolean validate, NoiseMode noise, VtaCostSource vtaCosts,
                          List<String> measurements, WeightMode weights, CalibrationMode calibration, String inputs,
                          int calibrationSamples, int replans, boolean simulateVta, ExecutionRuntime runtime,
                          boolean noMemoryLimit, Integer timefoldSteps) {
    public static final RunSettings DEFAULTS = builder().build();
    /** The keys a run states only when they differ from {@link #DEFAULTS}, after the five every row carries. */
    static final List<String> ADDED_KEYS = List.of("weights", "calibration", "inputs", "calibrationSamples",
            "replans", "simulateVta", "runtime", "noMemoryLimit", "timefoldSteps");

    public RunSettings {
        pins = List.copyOf(pins);
        measurements = List.copyOf(measurements);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A constant's id: its name in lower case, '-' for '_' (as {@code place} spells its choices). */
    static String id(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The key-value pairs of a results row: the five keys every row has carried, then the others that differ. */
    void putRow(ObjectNode n) {
        strings(n.putArray("pins"), pins);
        n.put("validate", validate);
        n.put("noise", id(noise));
        n.put("vtaCosts", id(vtaCosts));
        strings(n.putArray("measurements"), measurements);
        putAdded(n);
    }

    /** The pairs that differ from {@link #DEFAULTS}: what enters a run's identity. */
    void putNonDefaults(ObjectNode n) {
        if (!pins.isEmpty()) {
            strings(n.putArray("pins"), pins);
        }
        if (validate) {
            n.put("validate", true);
        }
        if (noise != DEFAULTS.noise) {
            n.put("noise", id(noise));
        }
        if (vtaCosts != DEFAULTS.vtaCosts) {
            n.put("vtaCosts", id(vtaCosts));
        }
        if (!measurements.isEmpty()) {
            strings(n.putArray("measurements"), measurements);
        }
        putAdded(n);
    }

    private void putAdded(ObjectNode n) {
        if (weights != DEFAULTS.weights) {
            n.put("weights", id(weights));
        }
        if (calibration != DEFAULTS.calibration) {
            n.put("calibration", id(calibration));
        }
        if (inputs != null) {
            n.put("inputs", inputs);
        }
        if (calibrationSamples != DEFAULTS.calibrationSamples) {
            n.put("calibrationSamples", calibrationSamples);
        }
        if (replans != DEFAULTS.replans) {
            n.put("replans", replans);
        }
        if (simulateVta) {
            n.put("simulateVta", true);
        }
        if (runtime != DEFAULTS.runtime) {
            n.put("runtime", id(runtime));
        }
        if (noMemoryLimit) {
            n.put("noMemoryLimit", true);
        }
        if (timefoldSteps != null) {
            n.put("timefoldSteps", timefoldSteps);
        }
    }

    /** The settings a results row's run object holds; missing keys (rows written before them) are defaults. */
    static RunSettings fromRow(JsonNode n) {
        Builder b = builder();
        if (n.hasNonNull("pins")) {
            b.pins(texts(n.get("pins")));
        }
        b.validate(n.path("validate").asBoolean(false));
        if (n.hasNonNull("noise")) {
            b.noise(choice(NoiseMode.class, n.get("noise").asText()));
        }
        if (n.hasNonNull("vtaCosts")) {
            b.vtaCosts(choice(VtaCostSource.class, n.get("vtaCosts").asText()));
        }
        if (n.hasNonNull("measurements")) {
            b.measurements(texts(n.get("measurements")));
        }
        if (n.hasNonNull("weights")) {
            b.weights(choice(WeightMode.class, n.get("weights").asText()));
        }
        if (n.hasNonNull("calibration")) {
            b.calibration(choice(CalibrationMode.class, n.get("calibration").asText()));
        }
        b.inputs(n.hasNonNull("inputs") ? n.get("inputs").asText() : null);
        b.calibrationSamples(n.path("calibrationSamples").asInt(DEFAULTS.calibrationSamples));
        b.replans(n.path("replans").asInt(DEFAULTS.replans));
        b.simulateVta(n.path("simulateVta").asBoolean(false));
        if (n.hasNonNull("runtime")) {
            b.runtime(choice(ExecutionRuntime.class, n.get("runtime").asText()));
        }
        b.noMemoryLimit(n.path("noMemoryLimit").asBoolean(false));
        b.timefoldSteps(n.hasNonNull("timefoldSteps") ? n.get("timefoldSteps").asInt() : null);
        return b.build();
    }

    /** The constant of {@code type} whose id is {@code value} in any case, or null. */
    static <E extends Enum<E>> E choiceOrNull(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (id(e).equalsIgnoreCase(value)) {
                return e;
            }
        }
        return null;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value) {
        E e = choiceOrNull(type, value);
        if (e == null) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + value + "'");
        }
        return e;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asText()));
        return out;
    }

    public static final class Builder {
        private List<String> pins = List.of();
        private boolean validate;
        private NoiseMode noise = NoiseMode.ESTIMATE;
        private VtaCostSource vtaCosts = VtaCostSource.ANALYTICAL;
        private List<String> measurements = List.of();
        private WeightMode weights = WeightMode.AUTO;
        private CalibrationMode calibration = CalibrationMode.GLOBAL_SCALE;
        private String inputs;
        private int calibrationSamples = CalibratedModel.DEFAULT_INPUTS;
        private int replans = ValidatedPlanning.DEFAULT_MAX_REPLANS;
        private boolean simulateVta;
        private ExecutionRuntime runtime = ExecutionRuntime.JAVA;
        private boolean noMemoryLimit;
        private Integer timefoldSteps;

        private Builder() {
        }

        public Builder pins(List<String> p) {
            pins = p;
            return this;
        }

        public Builder validate(boolean v) {
            validate = v;
            return this;
        }

        public Builder noise(NoiseMode n) {
            noise = n;
            return this;
        }

        public Builder vtaCosts(VtaCostSource v) {
            vtaCosts = v;
            return this;
        }

        public Builder measurements(List<String> m) {
            measurements = m;
            return this;
        }

        public Builder weights(WeightMode w) {
            weights = w;
            return this;
        }

        public Builder calibration(CalibrationMode c) {
            calibration = c;
            return this;
        }

        public Builder inputs(String dir) {
            inputs = dir;
            return this;
        }

        public Builder calibrationSamples(int n) {
            calibrationSamples = n;
            return this;
        }

        public Builder replans(int n) {
            replans = n;
            return this;
        }

        public Builder simulateVta(boolean on) {
            simulateVta = on;
            return this;
        }

        public Builder runtime(ExecutionRuntime r) {
            runtime = r;
            return this;
        }

        public Builder noMemoryLimit(boolean on) {
            noMemoryLimit = on;
            return this;
        }

        public Builder timefoldSteps(Integer steps) {
            timefoldSteps = steps;
            return this;
        }

        public RunSettings build() {
            return new RunSettings(pins, validate, noise, vtaCosts, measurements, weights, calibration, inputs,
                    calibrationSamples, replans, simulateVta, runtime, noMemoryLimit, timefoldSteps);
        }
    }
}
