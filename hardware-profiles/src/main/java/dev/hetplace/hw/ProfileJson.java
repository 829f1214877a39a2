package dev.hetplace.hw;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The profile's JSON form: parsing text (with line numbers on syntax errors), the canonical tree, its hash. */
final class ProfileJson {
    private static final JsonFactory PARSERS = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProfileJson() {
    }

    /**
     * The writers, made on first use: building a mapper costs more than reading every built-in profile, and
     * reading needs none (profiles are read as trees straight from the streaming parser).
     */
    private static final class Writers {
        static final ObjectWriter COMPACT;
        static final ObjectWriter PRETTY;

        static {
            JsonMapper mapper = JsonMapper.builder().build();
            COMPACT = mapper.writer();
            PRETTY = mapper.writerWithDefaultPrettyPrinter();
        }

        private Writers() {
        }
    }

    /**
     * Parses JSON text into a tree (duplicate fields and anything after the value are errors); a syntax error
     * becomes a one-line {@link ProfileException} with line and column.
     */
    static JsonNode parseTree(String text, String source) {
        try (JsonParser p = PARSERS.createParser(text)) {
            if (p.nextToken() == null) {
                throw new ProfileException(source + ": malformed JSON at line 1: the file is empty");
            }
            JsonNode tree = value(p);
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                JsonLocation at = p.currentLocation();
                throw new ProfileException(source + ": malformed JSON at line " + at.getLineNr() + ", column "
                        + at.getColumnNr() + ": Trailing token (of type " + trailing + ") found after value");
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String why = e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            throw new ProfileException(source + ": malformed JSON" + where + ": " + why);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value starting at the parser's current token, as the tree a mapper's {@code readTree} makes. */
    private static JsonNode value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, value(p));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(p));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(p, "Unexpected token " + p.currentToken());
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
        VtaRuntime r = v.runtime();
        if (r.priced()) {
            o.put("runtimeDispatchUs", r.dispatchUs());
            o.put("runtimeInsnNs", r.insnNs());
            o.put("runtimeMemcpyGBps", r.memcpyGBps());
            o.put("runtimeMmioWriteNs", r.mmioWriteNs());
            o.put("runtimeMmioReadNs", r.mmioReadNs());
            o.put("runtimeYieldUs", r.yieldUs());
            o.put("runtimeCoherence", r.coherent() ? "coherent" : "non-coherent");
            o.put("runtimeFlushNsPerByte", r.flushNsPerByte());
        }
    }

    private static void gpu(ObjectNode o, GpuParams g) {
        ObjectNode peaks = o.putObject("peakTeraMacs");
        for (Map.Entry<Precision, Double> e : g.peakTeraMacs().entrySet()) {
            peaks.put(e.getKey().id(), e.getValue());
        }
        o.put("memoryGBps", g.memoryGBps());
        o.put("launchOverheadUs", g.launchOverheadUs());
        o.put("graphOverheadUs", g.graphOverheadUs());
        o.put("multiprocessors", g.multiprocessors());
        if (!g.calibration().isEmpty()) {
            o.put("calibration", g.calibration());
        }
    }

    private static void texts(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    static String pretty(JsonNode tree) {
        try {
            return Writers.PRETTY.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    static String hash(Platform p) {
        try {
            byte[] canonical = Writers.COMPACT.writeValueAsString(toTree(p)).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a profile", e);
        }
    }
}
