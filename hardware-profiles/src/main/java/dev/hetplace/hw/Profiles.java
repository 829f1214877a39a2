package dev.hetplace.hw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads hardware profiles: the built-in platforms (JSON resources under {@code dev/hetplace/hw/profiles/}) by
 * name, users' files by path, and variants of either by dotted-path overrides (see {@link ProfileOverrides} for
 * the path syntax). Every failure is a one-line {@link ProfileException} naming the file or built-in and the field.
 */
public final class Profiles {
    private static final List<String> BUILT_IN = List.of("pynq-z1", "ultra96", "zcu104", "de10-nano", "x86-h200");
    private static final String RESOURCE_DIR = "/dev/hetplace/hw/profiles/";
    /** The built-in platform of this machine's CPU, calibrated by measurement: see {@link #hostJson}. */
    public static final String HOST = "host";

    private Profiles() {
    }

    public static List<String> builtInNames() {
        return BUILT_IN;
    }

    public static Platform builtIn(String name) {
        return fromJson(builtInJson(name), "built-in profile " + name);
    }

    /** The built-in profile's JSON tree as shipped (a fresh copy). */
    public static ObjectNode builtInJson(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new ProfileException("unknown platform '" + name + "' (built-in: " + String.join(", ", BUILT_IN)
                    + ")");
        }
        return resource(name);
    }

    /**
     * The {@code host} platform's JSON tree: one CPU (id {@code cpu}, fp32 and int8, every op) with this machine's
     * ISA and core count, the thread count its measurements used, and {@code calibration} naming the measurement
     * table (a file path) it is priced from. Callers find the table (the planner takes the latest one
     * {@code place measure} wrote).
     */
    public static ObjectNode hostJson(String calibration, String isa, int cores, int threads) {
        ObjectNode tree = resource(HOST);
        ObjectNode cpu = (ObjectNode) tree.get("devices").get(0);
        cpu.put("isa", isa);
        cpu.put("cores", Math.max(cores, threads));
        cpu.put("threads", threads);
        cpu.put("calibration", calibration);
        return tree;
    }

    public static Platform host(String calibration, String isa, int cores, int threads) {
        return fromJson(hostJson(calibration, isa, cores, threads), "built-in profile " + HOST);
    }

    private static ObjectNode resource(String name) {
        try (InputStream in = Profiles.class.getResourceAsStream(RESOURCE_DIR + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("built-in profile resource " + name + ".json is missing");
            }
            JsonNode tree = ProfileJson.parseTree(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "built-in profile " + name);
            return ProfileNode.of(tree, "", "built-in profile " + name).node();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in profile " + name, e);
        }
    }

    public static Platform load(Path file) {
        return fromJson(loadJson(file), file.toString());
    }

    /** A profile file's JSON tree, parsed but not validated. */
    public static ObjectNode loadJson(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ProfileException(file + ": no such profile file");
        } catch (IOException e) {
            throw new ProfileException(file + ": cannot read the profile (" + e.getMessage() + ")");
        }
        return ProfileNode.of(ProfileJson.parseTree(text, file.toString()), "", file.toString()).node();
    }

    /** A built-in name, or else a path to a profile file. */
    public static Platform resolve(String nameOrPath) {
        return BUILT_IN.contains(nameOrPath) ? builtIn(nameOrPath) : fromJson(resolveJson(nameOrPath),
                nameOrPath);
    }

    /** The JSON tree {@link #resolve} would validate. */
    public static ObjectNode resolveJson(String nameOrPath) {
        if (BUILT_IN.contains(nameOrPath)) {
            return builtInJson(nameOrPath);
        }
        Path file = Path.of(nameOrPath);
        if (!Files.exists(file) && !nameOrPath.endsWith(".json")) {
            throw new ProfileException("unknown platform '" + nameOrPath + "' (built-in: "
                    + String.join(", ", BUILT_IN) + "; or a path to a profile JSON file)");
        }
        return loadJson(file);
    }

    /** Parses and validates profile JSON text; {@code source} names it in errors. */
    public static Platform parse(String json, String source) {
        return fromJson(ProfileJson.parseTree(json, source), source);
    }

    /** Validates a profile's JSON tree; {@code source} names it in errors. */
    public static Platform fromJson(JsonNode tree, String source) {
        return ProfileReader.read(tree, source);
    }

    /** The canonical JSON tree of a platform (what {@link Platform#profileHash()} hashes). */
    public static ObjectNode toJson(Platform platform) {
        return ProfileJson.toTree(platform);
    }

    /** Pretty-printed canonical JSON, ending in a newline. */
    public static String toJsonString(Platform platform) {
        return ProfileJson.pretty(toJson(platform));
    }

    /**
     * The platform with fields replaced by dotted path, e.g. {@code devices.vta.logBlockIn=5},
     * {@code devices.cpu.threads=1}, {@code links.cpu<->gpu.bandwidthGBps=25}; validated afterwards.
     * Values are {@link JsonNode}s, {@link Number}s or strings.
     */
    public static Platform withOverrides(Platform platform, Map<String, ?> overrides) {
        return withOverrides(toJson(platform), platform.name(), overrides);
    }

    /** As {@link #withOverrides(Platform, Map)} on a profile's JSON tree (not modified); {@code source} names it. */
    public static Platform withOverrides(JsonNode tree, String source, Map<String, ?> overrides) {
        ObjectNode copy = ProfileNode.of(tree, "", source).node().deepCopy();
        ProfileOverrides.apply(copy, overrides);
        return fromJson(copy, overrides.isEmpty() ? source : source + " with overrides");
    }
}
