package dev.hetplace.hw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** One JSON object of a profile being read, with typed getters whose errors name the source and the field path. */
record ProfileNode(ObjectNode node, String path, String source) {

    static ProfileNode of(JsonNode node, String path, String source) {
        if (!(node instanceof ObjectNode object)) {
            throw new ProfileException(source + ": " + (path.isEmpty() ? "the profile" : path)
                    + ": must be a JSON object");
        }
        return new ProfileNode(object, path, source);
    }

    String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    ProfileException error(String field, String message) {
        return new ProfileException(source + ": " + at(field) + ": " + message);
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    JsonNode required(String field) {
        if (!has(field)) {
            throw error(field, "missing field");
        }
        return node.get(field);
    }

    String text(String field) {
        JsonNode v = required(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw error(field, "must be a non-empty string, got " + v);
        }
        return v.asText();
    }

    Optional<String> optionalText(String field) {
        return has(field) ? Optional.of(text(field)) : Optional.empty();
    }

    long integer(String field, long min, long max) {
        JsonNode v = required(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(field, "must be an integer, got " + v);
        }
        long x = v.asLong();
        if (x < min) {
            throw error(field, (min == 1 ? "must be positive" : "must be >= " + min) + ", got " + x);
        }
        if (x > max) {
            throw error(field, "must be <= " + max + ", got " + x);
        }
        return x;
    }

    /**
     * The range every non-zero physical figure of a profile (clocks in MHz, throughputs, bandwidths in GB/s,
     * latencies in us) must lie in: beyond it the costs derived from it overflow or round to nothing.
     */
    static final double MIN_FIGURE = 1e-6;
    static final double MAX_FIGURE = 1e9;

    /** A finite number, > 0 (or >= 0 when {@code zeroAllowed}), and if not 0 within [1e-6, 1e9]. */
    double number(String field, boolean zeroAllowed) {
        JsonNode v = required(field);
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw error(field, "must be a number, got " + v);
        }
        double x = v.asDouble();
        if (x < 0 || (x == 0 && !zeroAllowed)) {
            throw error(field, (zeroAllowed ? "must be >= 0" : "must be positive") + ", got " + v);
        }
        if (x != 0 && (x < MIN_FIGURE || x > MAX_FIGURE)) {
            throw error(field, "must lie between 1e-6 and 1e9 (the costs it implies would overflow or vanish), got "
                    + v);
        }
        return x;
    }

    List<String> texts(String field) {
        JsonNode v = required(field);
        if (!v.isArray() || v.isEmpty()) {
            throw error(field, "must be a non-empty array of strings, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual() || e.asText().isBlank()) {
                throw error(field + "[" + i + "]", "must be a non-empty string, got " + e);
            }
            out.add(e.asText());
        }
        return out;
    }

    ProfileNode object(String field) {
        JsonNode v = required(field);
        if (!v.isObject()) {
            throw error(field, "must be a JSON object, got " + v);
        }
        return new ProfileNode((ObjectNode) v, at(field), source);
    }

    List<JsonNode> array(String field) {
        JsonNode v = required(field);
        if (!v.isArray()) {
            throw error(field, "must be an array, got " + v);
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    List<String> fieldNames() {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    void rejectUnknown(Collection<String> known, String what) {
        for (String f : fieldNames()) {
            if (!known.contains(f)) {
                throw error(f, "unknown field (" + what + " fields: " + String.join(", ", known) + ")");
            }
        }
    }

    ProfileNode withPath(String newPath) {
        return new ProfileNode(node, newPath, source);
    }
}
