package dev.hetplace.experiments.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of a sweep, as the spec states it: model (zoo name, .onnx/.json path or {@code wide-dag:G:W:S:SEED}),
 * platform (built-in name or profile path), targets ({@code null}: every device of the platform), profile overrides
 * by dotted path (values as the user wrote them, numbers as their JSON text), objective, accuracy budget
 * ({@code null}: none), TVM compatibility, solver, seed, batch, allowed precisions (empty: all), GPU timing, and
 * what {@code place} says with {@code --pin}, {@code --validate}, {@code --noise}, {@code --vta-costs} and
 * {@code --measurements} ({@code pins}, {@code validate}, {@code noise}: {@code estimate} unless stated,
 * {@code vtaCosts}: {@code analytical} unless stated, {@code measurements}).
 * {@link #hash()} is the SHA-256 of {@link #canonicalJson()}: the run's identity in results files; the keys added
 * with pins enter it only when they differ from their defaults, so runs that do not use them keep their identity.
 */
public record RunSpec(String model, String platform, List<String> targets, Map<String, String> overrides,
                      String objective, Double minSqnrDb, boolean tvmCompatible, String solver, long seed, int batch,
                      List<String> precisions, String gpuTiming, List<String> pins, Boolean validate, String noise,
                      String vtaCosts, List<String> measurements) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String DEFAULT_NOISE = "estimate";
    public static final String DEFAULT_VTA_COSTS = "analytical";

    @com.fasterxml.jackson.annotation.JsonCreator
    public RunSpec {
        targets = targets == null ? null : List.copyOf(targets);
        overrides = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(overrides == null ? Map.of() : overrides));
        precisions = precisions == null ? List.of() : List.copyOf(precisions);
        pins = pins == null ? List.of() : List.copyOf(pins);
        validate = validate != null && validate;
        noise = noise == null ? DEFAULT_NOISE : noise;
        vtaCosts = vtaCosts == null ? DEFAULT_VTA_COSTS : vtaCosts;
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
    }

    /** A run that states none of the keys after {@code gpuTiming}. */
    public RunSpec(String model, String platform, List<String> targets, Map<String, String> overrides,
                   String objective, Double minSqnrDb, boolean tvmCompatible, String solver, long seed, int batch,
                   List<String> precisions, String gpuTiming) {
        this(model, platform, targets, overrides, objective, minSqnrDb, tvmCompatible, solver, seed, batch, precisions,
                gpuTiming, List.of(), false, null, null, List.of());
    }

    /** Keys in alphabetical order, overrides sorted by path: equal runs give equal text. */
    public ObjectNode canonicalJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("batch", batch);
        n.put("gpuTiming", gpuTiming);
        if (!measurements.isEmpty()) {
            ArrayNode a = n.putArray("measurements");
            measurements.forEach(a::add);
        }
        if (minSqnrDb == null) {
            n.putNull("minSqnrDb");
        } else {
            n.put("minSqnrDb", minSqnrDb);
        }
        n.put("model", model);
        if (!noise.equals(DEFAULT_NOISE)) {
            n.put("noise", noise);
        }
        n.put("objective", objective);
        ObjectNode o = n.putObject("overrides");
        overrides.forEach(o::put);
        if (!pins.isEmpty()) {
            ArrayNode a = n.putArray("pins");
            pins.forEach(a::add);
        }
        n.put("platform", platform);
        ArrayNode p = n.putArray("precisions");
        precisions.forEach(p::add);
        n.put("seed", seed);
        n.put("solver", solver);
        if (targets == null) {
            n.putNull("targets");
        } else {
            ArrayNode t = n.putArray("targets");
            targets.forEach(t::add);
        }
        n.put("tvmCompatible", tvmCompatible);
        if (validate) {
            n.put("validate", true);
        }
        if (!vtaCosts.equals(DEFAULT_VTA_COSTS)) {
            n.put("vtaCosts", vtaCosts);
        }
        return n;
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

    /** The same run on a different solver and seed. */
    public RunSpec withSolver(String s, long sd) {
        return new RunSpec(model, platform, targets, overrides, objective, minSqnrDb, tvmCompatible, s, sd, batch,
                precisions, gpuTiming, pins, validate, noise, vtaCosts, measurements);
    }
}
