package dev.hetplace.planner.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Damaged copies of a valid input file, for the readers' fuzz tests: truncation, byte flips, inserted binary
 * garbage, trailing garbage, and for JSON deleted, duplicated and retyped keys, extreme numbers and deep nesting;
 * for CSV deleted, duplicated and damaged lines and cells. The same seed gives the same cases.
 */
public final class Mutations {
    /** One damaged copy and what was done to it (named in assertion messages). */
    public record Case(String what, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] EXTREMES = {"0", "-1", "5.5", "1e308", "-1e308", "1e-300", "2147483648",
            "9223372036854775807", "99999999999999999999999", "1e9", "-0"};
    private static final String[] CELLS = {"", "0", "-1", "5.5", "1e308", "NaN", "Infinity", "slow", "int4", "conv3d",
            "2147483648", " ", "\u0000\u00ff"};
    private static final Pattern KEY = Pattern.compile("\"([A-Za-z_][A-Za-z0-9_.]*)\"\\s*:");

    private Mutations() {
    }

    /** {@code count} damaged copies of a JSON document. */
    public static List<Case> json(String valid, long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = r.nextInt(10);
            out.add(switch (kind) {
                case 0, 1 -> retype(valid, r);
                case 2 -> deleteKey(valid, r);
                case 3 -> duplicateKey(valid, r);
                case 4 -> extremeNumber(valid, r);
                case 5 -> new Case("nested 2000 deep", nest(valid, 2000));
                default -> bytes(valid.getBytes(StandardCharsets.UTF_8), r);
            });
        }
        return out;
    }

    /** {@code count} damaged copies of a CSV file (header and rows). */
    public static List<Case> csv(String valid, long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> lines = Arrays.asList(valid.split("\n", -1));
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = r.nextInt(8);
            List<String> l = new ArrayList<>(lines);
            int at = r.nextInt(l.size());
            Case c = switch (kind) {
                case 0 -> {
                    String cut = String.join("\n", l.subList(0, at));
                    yield new Case("first " + at + " lines", cut.getBytes(StandardCharsets.UTF_8));
                }
                case 1 -> {
                    l.add(at, l.get(at));
                    yield text("line " + at + " twice", l);
                }
                case 2, 3 -> {
                    String[] cells = l.get(at).split(",", -1);
                    int col = r.nextInt(cells.length);
                    String value = CELLS[r.nextInt(CELLS.length)];
                    cells[col] = value;
                    l.set(at, String.join(",", cells));
                    yield text("line " + at + " cell " + col + " = '" + value + "'", l);
                }
                case 4 -> {
                    String[] cells = l.get(at).split(",", -1);
                    int col = r.nextInt(cells.length);
                    List<String> more = new ArrayList<>(Arrays.asList(cells));
                    more.add(col, cells[col]);
                    l.set(at, String.join(",", more));
                    yield text("line " + at + " cell " + col + " duplicated", l);
                }
                case 5 -> new Case("whitespace only", " \n\t\n".getBytes(StandardCharsets.UTF_8));
                default -> bytes(valid.getBytes(StandardCharsets.UTF_8), r);
            };
            out.add(c);
        }
        return out;
    }

    /** {@code count} damaged copies of any file: truncation, flipped bytes, inserted or appended garbage. */
    public static List<Case> binary(byte[] valid, long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(bytes(valid, r));
        }
        return out;
    }

    private static Case text(String what, List<String> lines) {
        return new Case(what, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private static Case bytes(byte[] valid, SplittableRandom r) {
        byte[] b = valid.clone();
        switch (r.nextInt(4)) {
            case 0 -> {
                int keep = r.nextInt(b.length);
                return new Case("truncated to " + keep + " bytes", Arrays.copyOf(b, keep));
            }
            case 1 -> {
                int flips = 1 + r.nextInt(4);
                StringBuilder what = new StringBuilder("flipped bytes at");
                for (int f = 0; f < flips; f++) {
                    int at = r.nextInt(b.length);
                    b[at] = (byte) (b[at] ^ (1 << r.nextInt(8)));
                    what.append(' ').append(at);
                }
                return new Case(what.toString(), b);
            }
            case 2 -> {
                int at = r.nextInt(b.length + 1);
                byte[] garbage = new byte[1 + r.nextInt(16)];
                for (int g = 0; g < garbage.length; g++) {
                    garbage[g] = (byte) r.nextInt(256);
                }
                byte[] out = new byte[b.length + garbage.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(garbage, 0, out, at, garbage.length);
                System.arraycopy(b, at, out, at + garbage.length, b.length - at);
                return new Case(garbage.length + " garbage bytes inserted at " + at, out);
            }
            default -> {
                byte[] tail = "\n} {\"trailing\": 1} ,x".getBytes(StandardCharsets.UTF_8);
                byte[] out = Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, out, b.length, tail.length);
                return new Case("trailing garbage", out);
            }
        }
    }

    private static byte[] nest(String valid, int depth) {
        return ("[".repeat(depth) + valid + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    private static Case retype(String valid, SplittableRandom r) {
        JsonNode root = parse(valid);
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode parent = containers.get(r.nextInt(containers.size()));
        JsonNode replacement = switch (r.nextInt(7)) {
            case 0 -> NODES.textNode("three");
            case 1 -> NODES.numberNode(5.5);
            case 2 -> NODES.nullNode();
            case 3 -> NODES.booleanNode(true);
            case 4 -> NODES.arrayNode().add(1);
            case 5 -> NODES.objectNode().put("x", 1);
            default -> NODES.numberNode(-1);
        };
        String where;
        if (parent.isObject()) {
            List<String> names = new ArrayList<>();
            parent.fieldNames().forEachRemaining(names::add);
            where = names.get(r.nextInt(names.size()));
            ((ObjectNode) parent).set(where, replacement);
        } else {
            int i = r.nextInt(parent.size());
            where = "[" + i + "]";
            ((ArrayNode) parent).set(i, replacement);
        }
        return new Case("'" + where + "' replaced by " + replacement, write(root));
    }

    private static Case deleteKey(String valid, SplittableRandom r) {
        JsonNode root = parse(valid);
        List<JsonNode> objects = new ArrayList<>();
        collect(root, objects);
        objects.removeIf(n -> !n.isObject());
        if (objects.isEmpty()) {
            return new Case("unchanged", valid.getBytes(StandardCharsets.UTF_8));
        }
        ObjectNode o = (ObjectNode) objects.get(r.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String k = names.get(r.nextInt(names.size()));
        o.remove(k);
        return new Case("key '" + k + "' deleted", write(root));
    }

    /** Writes a second copy of a random key just before it, in the same object, with an extreme value. */
    private static Case duplicateKey(String valid, SplittableRandom r) {
        List<int[]> keys = new ArrayList<>();
        Matcher m = KEY.matcher(valid);
        while (m.find()) {
            keys.add(new int[] {m.start(), m.end()});
        }
        if (keys.isEmpty()) {
            return new Case("unchanged", valid.getBytes(StandardCharsets.UTF_8));
        }
        int[] k = keys.get(r.nextInt(keys.size()));
        String name = valid.substring(k[0], k[1]);
        String value = EXTREMES[r.nextInt(EXTREMES.length)];
        String out = valid.substring(0, k[0]) + name + " " + value + ", " + valid.substring(k[0]);
        return new Case("key " + name + " duplicated with " + value, out.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces a random number of the document with an extreme one. */
    private static Case extremeNumber(String valid, SplittableRandom r) {
        Matcher m = Pattern.compile("(?<=[:\\[,]\\s{0,8})-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?").matcher(valid);
        List<int[]> numbers = new ArrayList<>();
        while (m.find()) {
            numbers.add(new int[] {m.start(), m.end()});
        }
        if (numbers.isEmpty()) {
            return new Case("unchanged", valid.getBytes(StandardCharsets.UTF_8));
        }
        int[] n = numbers.get(r.nextInt(numbers.size()));
        String value = EXTREMES[r.nextInt(EXTREMES.length)];
        String out = valid.substring(0, n[0]) + value + valid.substring(n[1]);
        return new Case("number at " + n[0] + " (" + valid.substring(n[0], n[1]) + ") = " + value,
                out.getBytes(StandardCharsets.UTF_8));
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if ((n.isObject() || n.isArray()) && !n.isEmpty()) {
            out.add(n);
        }
        n.elements().forEachRemaining(c -> collect(c, out));
    }

    private static JsonNode parse(String valid) {
        try {
            return JSON.readTree(valid);
        } catch (Exception e) {
            throw new IllegalArgumentException("the valid input is not JSON", e);
        }
    }

    private static byte[] write(JsonNode root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
