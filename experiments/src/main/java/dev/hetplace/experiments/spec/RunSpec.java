package dev.hetplace.experiments.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of a sweep, as the spec states it: model (zoo name, .onnx/.json path or {@code wide-dag:G:W:S:SEED}),
 * platform (built-in name or profile path), targets ({@code null}: every device of the platform), profile overrides
 * by dotted path (values as the user wrote them, numbers as their JSON text), objective, accuracy budget
 * ({@code null}: none), TVM compatibility, solver, seed, batch, allowed precisions (empty: all), GPU timing, and
 * what {@code place} says with its other flags ({@link RunSettings}).
 * {@link #hash()} is the SHA-256 of {@link #canonicalJson()}: the run's identity in results files; the settings
 * enter it only when they differ from their defaults, so runs that do not use them keep their identity. In a results
 * row a run is one flat object ({@link #rowJson()}), as it has been since the settings were five.
 */
public record RunSpec(String model, String platform, List<String> targets, Map<String, String> overrides,
                      String objective, Double minSqnrDb, boolean tvmCompatible, String solver, long seed, int batch,
                      List<String> precisions, String gpuTiming, RunSettings settings) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public RunSpec {
        targets = targets == null ? null : List.copyOf(targets);
        overrides = Collections.unmodifiableSortedMap(new TreeMap<>(overrides == null ? Map.of() : overrides));
        precisions = precisions == null ? List.of() : List.copyOf(precisions);
        settings = settings == null ? RunSettings.DEFAULTS : settings;
    }

    /** A run that states none of the settings. */
    public RunSpec(String model, String platform, List<String> targets, Map<String, String> overrides,
                   String objective, Double minSqnrDb, boolean tvmCompatible, String solver, long seed, int batch,
                   List<String> precisions, String gpuTiming) {
        this(model, platform, targets, overrides, objective, minSqnrDb, tvmCompatible, solver, seed, batch, precisions,
                gpuTiming, RunSettings.DEFAULTS);
    }

    /** Keys in alphabetical order, overrides sorted by path: equal runs give equal text. */
    public ObjectNode canonicalJson() {
        ObjectNode n = problemJson();
        settings.putNonDefaults(n);
        return sorted(n);
    }

    /** The run in a results row: the problem's keys, the five settings every row carries, then those that differ. */
    @JsonValue
    public ObjectNode rowJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("model", model);
        n.put("platform", platform);
        putTargets(n);
        ObjectNode o = n.putObject("overrides");
        overrides.forEach(o::put);
        n.put("objective", objective);
        putBudget(n);
        n.put("tvmCompatible", tvmCompatible);
        n.put("solver", solver);
        n.put("seed", seed);
        n.put("batch", batch);
        ArrayNode p = n.putArray("precisions");
        precisions.forEach(p::add);
        n.put("gpuTiming", gpuTiming);
        settings.putRow(n);
        return n;
    }

    /** The run a results row's {@link #rowJson()} holds. */
    @JsonCreator
    public static RunSpec fromRow(JsonNode n) {
        List<String> targets = null;
        if (n.hasNonNull("targets")) {
            targets = new ArrayList<>();
            for (JsonNode t : n.get("targets")) {
                targets.add(t.asText());
            }
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        n.path("overrides").fields().forEachRemaining(e -> overrides.put(e.getKey(), e.getValue().asText()));
        List<String> precisions = new ArrayList<>();
        n.path("precisions").forEach(v -> precisions.add(v.asText()));
        return new RunSpec(required(n, "model").asText(), required(n, "platform").asText(), targets, overrides,
                required(n, "objective").asText(), n.hasNonNull("minSqnrDb") ? n.get("minSqnrDb").asDouble() : null,
                n.path("tvmCompatible").asBoolean(false), required(n, "solver").asText(), n.path("seed").asLong(0),
                n.path("batch").asInt(1), precisions, required(n, "gpuTiming").asText(), RunSettings.fromRow(n));
    }

    private static JsonNode required(JsonNode n, String key) {
        if (!n.hasNonNull(key)) {
            throw new IllegalArgumentException("a results row's run has no " + key);
        }
        return n.get(key);
    }

    private ObjectNode problemJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("batch", batch);
        n.put("gpuTiming", gpuTiming);
        putBudget(n);
        n.put("model", model);
        n.put("objective", objective);
        ObjectNode o = n.putObject("overrides");
        overrides.forEach(o::put);
        n.put("platform", platform);
        ArrayNode p = n.putArray("precisions");
        precisions.forEach(p::add);
        n.put("seed", seed);
        n.put("solver", solver);
        putTargets(n);
        n.put("tvmCompatible", tvmCompatible);
        return n;
    }

    private void putBudget(ObjectNode n) {
        if (minSqnrDb == null) {
            n.putNull("minSqnrDb");
        } else {
            n.put("minSqnrDb", minSqnrDb);
        }
    }

    private void putTargets(ObjectNode n) {
        if (targets == null) {
            n.putNull("targets");
        } else {
            ArrayNode t = n.putArray("targets");
            targets.forEach(t::add);
        }
    }

    private static ObjectNode sorted(ObjectNode n) {
        TreeMap<String, JsonNode> byKey = new TreeMap<>();
        n.fields().forEachRemaining(e -> byKey.put(e.getKey(), e.getValue()));
        ObjectNode out = MAPPER.createObjectNode();
        byKey.forEach(out::set);
        return out;
    }

    public String canonicalText() {
        return canonicalJson().toString();
    }

    /** SHA-256 (lower-case hex) of the canonical JSON. */
    public String hash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(canonicalText().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The overrides as {@code path=value} pairs joined by {@code ;} (empty when none). */
    public String overridesText() {
        StringBuilder sb = new StringBuilder();
        overrides.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The same run with other settings. */
    public RunSpec withSettings(RunSettings s) {
        return new RunSpec(model, platform, targets, overrides, objective, minSqnrDb, tvmCompatible, solver, seed,
                batch, precisions, gpuTiming, s);
    }
}
