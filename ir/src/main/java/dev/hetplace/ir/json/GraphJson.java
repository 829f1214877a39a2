package dev.hetplace.ir.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphException;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.Weights;
import dev.hetplace.ir.op.Op;
import dev.hetplace.ir.tensor.TensorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The JSON form of a graph (structure only; weights are not written):
 * <pre>
 * {"schemaVersion": 1, "name": "resnet18", "outputs": [69], "layers": [
 *   {"id": 1, "name": "conv1", "op": {"class": "Conv2d", "name": "conv2d", "outChannels": 64, ...},
 *    "inputs": [0], "output": {"shape": [1, 64, 112, 112], "dtype": "FP32"},
 *    "macs": 118013952, "params": 9408, "outputBytes": 3211264}, ...]}
 * </pre>
 * {@code op.class} is the op's record class and selects it on reading; the other op fields are that record's
 * components. {@code macs}, {@code params} and {@code outputBytes} (the output tensor in its own dtype, fp32 for
 * every computed layer) are derived: reading ignores them and recomputes them, as it ignores the groups and
 * totals {@code place inspect} adds; any other field is refused, naming it. Reading validates the graph as
 * {@link Graph}'s constructor does.
 */
public final class GraphJson {
    public static final int SCHEMA_VERSION = 1;

    /** Fields a graph file may hold: its own, then those {@code place inspect --format json} adds (derived, ignored). */
    private static final List<String> GRAPH_FIELDS = List.of("schemaVersion", "name", "outputs", "layers",
            "description", "groups", "totals");
    private static final List<String> LAYER_FIELDS = List.of("id", "name", "op", "inputs", "output", "macs", "params",
            "outputBytes", "group");

    private static final Map<String, Class<?>> OP_TYPES = Arrays.stream(Op.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private GraphJson() {
    }

    /**
     * Converts op and output objects into records: every component must be present (null where the record allows
     * it), numbers must be numbers of the component's kind (no "3" for 3, no 2.5 for an int).
     */
    private static final ObjectMapper READER = StrictJson.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** The graph as pretty-printed JSON text. */
    public static String write(Graph graph) {
        try {
            return mapper().writeValueAsString(toTree(graph)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write graph " + graph.name() + " as JSON", e);
        }
    }

    public static void write(Graph graph, Path file) throws IOException {
        Files.writeString(file, write(graph));
    }

    /** The graph's JSON tree, for callers that add fields of their own (the CLI adds groups and totals). */
    public static ObjectNode toTree(Graph graph) {
        ObjectMapper m = mapper();
        ObjectNode root = m.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("name", graph.name());
        ArrayNode outputs = root.putArray("outputs");
        graph.outputs().forEach(outputs::add);
        ArrayNode layers = root.putArray("layers");
        for (Layer l : graph.layers()) {
            layers.add(layerNode(m, graph, l));
        }
        return root;
    }

    private static ObjectNode layerNode(ObjectMapper m, Graph graph, Layer l) {
        ObjectNode node = m.createObjectNode();
        node.put("id", l.id());
        node.put("name", l.name());
        ObjectNode op = m.createObjectNode();
        op.put("class", l.op().getClass().getSimpleName());
        op.put("name", l.opName());
        op.setAll((ObjectNode) m.valueToTree(l.op()));
        node.set("op", op);
        ArrayNode inputs = node.putArray("inputs");
        l.inputs().forEach(inputs::add);
        node.set("output", m.valueToTree(l.output()));
        node.put("macs", graph.macs(l));
        node.put("params", graph.params(l));
        node.put("outputBytes", l.output().bytes());
        return node;
    }

    /** Reads a graph file; a missing or malformed file is an {@link IllegalArgumentException} naming it. */
    public static Graph read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("graph file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read graph file " + file + ": " + e.getMessage());
        }
        try {
            return read(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** Parses the JSON form; errors name the layer and field at fault. */
    public static Graph read(String json) {
        JsonNode root;
        try {
            root = StrictJson.parse(json);
        } catch (StrictJson.Malformed e) {
            throw new IllegalArgumentException("not valid JSON (line " + e.line() + "): " + e.reason());
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("graph JSON must be an object");
        }
        JsonNode versionNode = required(root, "schemaVersion", "graph");
        int version = versionNode.isIntegralNumber() && versionNode.canConvertToInt() ? versionNode.asInt() : -1;
        if (version != SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported graph schemaVersion " + versionNode
                    + " (this version reads " + SCHEMA_VERSION + ")");
        }
        knownFieldsOnly(root, GRAPH_FIELDS, "graph");
        String name = text(root, "name", "graph");
        List<Layer> layers = new ArrayList<>();
        JsonNode layerNodes = required(root, "layers", "graph");
        if (!layerNodes.isArray()) {
            throw new GraphException("graph field 'layers' must be an array of layer objects, got a "
                    + layerNodes.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        for (int i = 0; i < layerNodes.size(); i++) {
            layers.add(readLayer(READER, layerNodes.get(i), i));
        }
        List<Integer> outputs = ints(required(root, "outputs", "graph"), "graph field 'outputs'");
        return new Graph(name, layers, outputs, Weights.NONE);
    }

    private static Layer readLayer(ObjectMapper m, JsonNode node, int position) {
        if (!node.isObject()) {
            throw new GraphException("layer #" + position + " must be an object, got " + node.getNodeType()
                    .name().toLowerCase(java.util.Locale.ROOT));
        }
        String where = "layer #" + position + (node.hasNonNull("name") ? " '" + node.get("name").asText() + "'" : "");
        knownFieldsOnly(node, LAYER_FIELDS, where);
        JsonNode idNode = required(node, "id", where);
        if (!idNode.isIntegralNumber() || !idNode.canConvertToInt()) {
            throw new GraphException(where + ": field 'id' must be an integer, got " + idNode);
        }
        int id = idNode.asInt();
        String name = text(node, "name", where);
        JsonNode opNode = required(node, "op", where);
        if (!opNode.isObject()) {
            throw new GraphException(where + ": field 'op' must be an object, got " + opNode);
        }
        String type = text(opNode, "class", where + " op");
        Class<?> opClass = OP_TYPES.get(type);
        if (opClass == null) {
            throw new GraphException(where + ": unknown op class '" + type + "' (known: "
                    + OP_TYPES.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
        }
        ObjectNode fields = ((ObjectNode) opNode).deepCopy();
        fields.remove("class");
        fields.remove("name");
        Op op = (Op) convert(m, fields, opClass, where + " op " + type);
        List<Integer> inputs = ints(required(node, "inputs", where), where + " field 'inputs'");
        TensorType output = (TensorType) convert(m, required(node, "output", where), TensorType.class,
                where + " output");
        return new Layer(id, name, op, inputs, output);
    }

    private static void knownFieldsOnly(JsonNode node, List<String> known, String where) {
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw new GraphException(where + ": unknown field '" + f + "' (known: " + String.join(", ", known)
                        + ")");
            }
        });
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = required(node, field, where);
        if (!v.isTextual()) {
            throw new GraphException(where + ": field '" + field + "' must be a string, got " + v);
        }
        return v.asText();
    }

    private static Object convert(ObjectMapper m, JsonNode node, Class<?> type, String where) {
        try {
            return m.treeToValue(node, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new GraphException(where + ": " + cause.getMessage());
        } catch (JsonProcessingException e) {
            throw new GraphException(where + ": " + e.getOriginalMessage().split("\n")[0]);
        } catch (IllegalArgumentException e) {
            throw new GraphException(where + ": " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new GraphException(where + ": missing field '" + field + "'");
        }
        return v;
    }

    private static List<Integer> ints(JsonNode array, String where) {
        if (!array.isArray()) {
            throw new GraphException(where + " must be an array of layer ids");
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (!n.canConvertToInt() || !n.isIntegralNumber()) {
                throw new GraphException(where + " holds a non-integer " + n);
            }
            out.add(n.asInt());
        }
        return out;
    }
}
