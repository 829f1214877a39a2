package dev.hetplace.hw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sets fields of a profile's JSON tree by dotted path, before validation:
 * <ul>
 *   <li>{@code name}, {@code description}, {@code notes}, {@code schemaVersion}: top-level fields;</li>
 *   <li>{@code devices.<id>.<field>}: a field of the device with that id, common ({@code precisions},
 *       {@code memoryBytes}, ...) or of its kind ({@code devices.vta.logBlockIn}, {@code devices.cpu.threads});
 *       map fields take one more segment ({@code devices.gpu.peakTeraMacs.fp16},
 *       {@code devices.vta.opRestrictions.conv2d});</li>
 *   <li>{@code links.<from>-><to>.<field>}: one direction of a link ({@code links.cpu->gpu.bandwidthGBps});
 *       {@code links.<a><-><b>.<field>} sets both directions.</li>
 * </ul>
 * A value is a {@link JsonNode}, a {@link Number}, or a string read by the field's type (numbers as numbers,
 * lists as comma-separated or a JSON array). A path that names no field is an error naming it.
 */
final class ProfileOverrides {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProfileOverrides() {
    }

    /** Applies the overrides in the map's iteration order to {@code root} (mutated). */
    static void apply(ObjectNode root, Map<String, ?> overrides) {
        overrides.forEach((path, value) -> applyOne(root, path, value));
    }

    private static void applyOne(ObjectNode root, String path, Object value) {
        String[] seg = path.split("\\.", -1);
        switch (seg[0]) {
            case "devices" -> device(root, path, seg, value);
            case "links" -> link(root, path, seg, value);
            default -> {
                ProfileSchema.Type type = ProfileSchema.TOP.get(seg[0]);
                if (seg.length != 1 || type == null || type == ProfileSchema.Type.ARRAY) {
                    throw unknown(path, "top-level fields: name, description, notes, schemaVersion; "
                            + "or devices.<id>.<field>, links.<from>-><to>.<field>");
                }
                root.set(seg[0], convert(path, type, value));
            }
        }
    }

    private static void device(ObjectNode root, String path, String[] seg, Object value) {
        if (seg.length < 3) {
            throw unknown(path, "devices.<id>.<field>");
        }
        ObjectNode device = null;
        List<String> ids = new ArrayList<>();
        for (JsonNode d : root.path("devices")) {
            String id = d.path("id").asText();
            ids.add(id);
            if (id.equals(seg[1]) && d instanceof ObjectNode o) {
                device = o;
            }
        }
        if (device == null) {
            throw new ProfileException("override '" + path + "': no device '" + seg[1] + "' (devices: "
                    + String.join(", ", ids) + ")");
        }
        String kind = device.path("kind").asText();
        Map<String, ProfileSchema.Type> fields = ProfileSchema.deviceFields(kind);
        if (fields == null) {
            fields = ProfileSchema.DEVICE;
        }
        ProfileSchema.Type type = fields.get(seg[2]);
        if (type == null) {
            throw unknown(path, "fields of a " + kind + " device: " + String.join(", ", fields.keySet()));
        }
        if (seg.length == 3) {
            device.set(seg[2], convert(path, type, value));
            return;
        }
        if (type != ProfileSchema.Type.OBJECT || seg.length > 4) {
            throw unknown(path, "'" + seg[2] + "' takes no sub-field");
        }
        JsonNode existing = device.get(seg[2]);
        ObjectNode map = existing instanceof ObjectNode o ? o : device.putObject(seg[2]);
        map.set(seg[3], convert(path, null, value));
    }

    private static void link(ObjectNode root, String path, String[] seg, Object value) {
        if (seg.length != 3) {
            throw unknown(path, "links.<from>-><to>.<field> or links.<a><-><b>.<field>");
        }
        ProfileSchema.Type type = ProfileSchema.LINK.get(seg[2]);
        if (type == null) {
            throw unknown(path, "link fields: " + String.join(", ", ProfileSchema.LINK.keySet()));
        }
        List<String[]> ends = new ArrayList<>();
        if (seg[1].contains("<->")) {
            String[] ab = seg[1].split("<->", 2);
            ends.add(new String[] {ab[0], ab[1]});
            ends.add(new String[] {ab[1], ab[0]});
        } else if (seg[1].contains("->")) {
            ends.add(seg[1].split("->", 2));
        } else {
            throw unknown(path, "a link is named <from>-><to> or <a><-><b>");
        }
        for (String[] end : ends) {
            ObjectNode link = null;
            for (JsonNode l : root.path("links")) {
                if (l.path("from").asText().equals(end[0]) && l.path("to").asText().equals(end[1])
                        && l instanceof ObjectNode o) {
                    link = o;
                }
            }
            if (link == null) {
                throw new ProfileException("override '" + path + "': no link " + end[0] + "->" + end[1]);
            }
            link.set(seg[2], convert(path, type, value));
        }
    }

    private static ProfileException unknown(String path, String hint) {
        return new ProfileException("unknown override path '" + path + "' (" + hint + ")");
    }

    /** {@code type} null: a map entry, whose string value is read as JSON if it parses, else as text. */
    private static JsonNode convert(String path, ProfileSchema.Type type, Object value) {
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        if (!(value instanceof String text)) {
            throw new ProfileException("override '" + path + "': unsupported value " + value);
        }
        String t = text.trim();
        if (type == null) {
            return asJsonOrText(t);
        }
        return switch (type) {
            case INT -> {
                try {
                    yield NODES.numberNode(Long.parseLong(t));
                } catch (NumberFormatException e) {
                    throw new ProfileException("override '" + path + "': '" + text + "' is not an integer");
                }
            }
            case NUMBER -> {
                try {
                    yield NODES.numberNode(new BigDecimal(t).doubleValue());
                } catch (NumberFormatException e) {
                    throw new ProfileException("override '" + path + "': '" + text + "' is not a number");
                }
            }
            case TEXT -> NODES.textNode(text);
            case TEXT_LIST -> {
                if (t.startsWith("[")) {
                    yield ProfileJson.parseTree(t, "override '" + path + "'");
                }
                ArrayNode array = NODES.arrayNode();
                for (String part : t.split(",")) {
                    array.add(part.trim());
                }
                yield array;
            }
            case OBJECT, ARRAY -> ProfileJson.parseTree(t, "override '" + path + "'");
        };
    }

    private static JsonNode asJsonOrText(String t) {
        try {
            return ProfileJson.parseTree(t, "override");
        } catch (ProfileException e) {
            return NODES.textNode(t);
        }
    }
}
