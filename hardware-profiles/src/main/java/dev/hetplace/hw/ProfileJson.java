package dev.hetplace.hw;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The profile's JSON form: parsing text (with line numbers on syntax errors), the canonical tree, its hash. */
final class ProfileJson {
    private static final ObjectReader READER = mapper().reader();
    private static final ObjectWriter COMPACT = mapper().writer();
    private static final ObjectWriter PRETTY = mapper().writerWithDefaultPrettyPrinter();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProfileJson() {
    }

    /** Readers and writers are immutable; the mapper that makes them is not kept. */
    private static JsonMapper mapper() {
        return JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Parses JSON text; a syntax error becomes a one-line {@link ProfileException} with line and column. */
    static JsonNode parseTree(String text, String source) {
        try {
            JsonNode tree = READER.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw new ProfileException(source + ": malformed JSON at line 1: the file is empty");
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String why = e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            throw new ProfileException(source + ": malformed JSON" + where + ": " + why);
        }
    }

    /** The canonical tree: schema field order, sets sorted, optional fields only when set. */
    static ObjectNode toTree(Platform p) {
        ObjectNode root = NODES.objectNode();
        root.put("schemaVersion", ProfileSchema.VERSION);
        root.put("name", p.name());
        if (!p.description().isEmpty()) {
            root.put("description", p.description());
        }
        if (!p.notes().isEmpty()) {
            texts(root.putArray("notes"), p.notes());
        }
        ArrayNode devices = root.putArray("devices");
        p.devices().forEach(d -> devices.add(device(d)));
        ArrayNode links = root.putArray("links");
        for (Link l : p.links()) {
            ObjectNode o = links.addObject();
            o.put("from", l.from());
            o.put("to", l.to());
            o.put("latencyUs", l.latencyUs());
            o.put("bandwidthGBps", l.bandwidthGBps());
            if (!l.comment().isEmpty()) {
                o.put("comment", l.comment());
            }
        }
        return root;
    }

    private static ObjectNode device(Device d) {
        ObjectNode o = NODES.objectNode();
        o.put("id", d.id());
        o.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
        o.put("name", d.name());
        texts(o.putArray("precisions"), d.precisions().stream().map(Precision::id).toList());
        texts(o.putArray("ops"), List.copyOf(new TreeSet<>(d.ops())));
        if (!d.opRestrictions().isEmpty()) {
            ObjectNode r = o.putObject("opRestrictions");
            d.opRestrictions().forEach((op, attrs) -> {
                ObjectNode a = r.putObject(op);
                new java.util.TreeMap<>(attrs).forEach(a::put);
            });
        }
        if (d.memoryBytes() > 0) {
            o.put("memoryBytes", d.memoryBytes());
        }
        switch (d.kind()) {
            case CPU -> cpu(o, d.cpu());
            case VTA -> vta(o, d.vta());
            case GPU -> gpu(o, d.gpu());
        }
        return o;
    }

    private static void cpu(ObjectNode o, CpuParams c) {
        o.put("isa", c.isa());
        o.put("cores", c.cores());
        o.put("threads", c.threads());
        putPositive(o, "clockMHz", c.clockMHz());
        if (c.simdBits() > 0) {
            o.put("simdBits", c.simdBits());
        }
        putPositive(o, "fp32MacsPerCycle", c.fp32MacsPerCycle());
        putPositive(o, "int8MacsPerCycle", c.int8MacsPerCycle());
        putPositive(o, "dramGBps", c.dramGBps());
        if (c.isCalibrated()) {
            o.put("calibration", c.calibration());
        }
    }

    private static void putPositive(ObjectNode o, String field, double value) {
        if (value > 0) {
            o.put(field, value);
        }
    }

    private static void vta(ObjectNode o, VtaConfig v) {
        o.put("logBatch", v.logBatch());
        o.put("logBlockIn", v.logBlockIn());
        o.put("logBlockOut", v.logBlockOut());
        o.put("logInpBuffSize", v.logInpBuffSize());
        o.put("logWgtBuffSize", v.logWgtBuffSize());
        o.put("logAccBuffSize", v.logAccBuffSize());
        o.put("logUopBuffSize", v.logUopBuffSize());
        o.put("clockMHz", v.clockMHz());
        o.put("memoryPortBits", v.memoryPortBits());
        o.put("design", v.design());
    }

    private static void gpu(ObjectNode o, GpuParams g) {
        ObjectNode peaks = o.putObject("peakTeraMacs");
        for (Map.Entry<Precision, Double> e : g.peakTeraMacs().entrySet()) {
            peaks.put(e.getKey().id(), e.getValue());
        }
        o.put("memoryGBps", g.memoryGBps());
        o.put("launchOverheadUs", g.launchOverheadUs());
        o.put("graphOverheadUs", g.graphOverheadUs());
        if (!g.calibration().isEmpty()) {
            o.put("calibration", g.calibration());
        }
    }

    private static void texts(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    static String pretty(JsonNode tree) {
        try {
            return PRETTY.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    static String hash(Platform p) {
        try {
            byte[] canonical = COMPACT.writeValueAsString(toTree(p)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a profile", e);
        }
    }
}
