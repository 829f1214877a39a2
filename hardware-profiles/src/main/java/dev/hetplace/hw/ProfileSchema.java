package dev.hetplace.hw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of profile format {@value #VERSION}, in the order the canonical JSON writes them, with their JSON
 * types. Device objects are flat: the common fields plus those of their kind.
 */
final class ProfileSchema {
    static final int VERSION = 1;

    enum Type { INT, NUMBER, TEXT, TEXT_LIST, OBJECT, ARRAY }

    static final Map<String, Type> TOP = ordered(
            "schemaVersion", Type.INT, "name", Type.TEXT, "description", Type.TEXT, "notes", Type.TEXT_LIST,
            "devices", Type.ARRAY, "links", Type.ARRAY);

    static final Map<String, Type> DEVICE = ordered(
            "id", Type.TEXT, "kind", Type.TEXT, "name", Type.TEXT, "precisions", Type.TEXT_LIST,
            "ops", Type.TEXT_LIST, "opRestrictions", Type.OBJECT, "memoryBytes", Type.INT);

    static final Map<String, Type> CPU = ordered(
            "isa", Type.TEXT, "cores", Type.INT, "threads", Type.INT, "clockMHz", Type.NUMBER, "simdBits", Type.INT,
            "fp32MacsPerCycle", Type.NUMBER, "int8MacsPerCycle", Type.NUMBER, "dramGBps", Type.NUMBER,
            "calibration", Type.TEXT);

    static final Map<String, Type> VTA = ordered(
            "logBatch", Type.INT, "logBlockIn", Type.INT, "logBlockOut", Type.INT, "logInpBuffSize", Type.INT,
            "logWgtBuffSize", Type.INT, "logAccBuffSize", Type.INT, "logUopBuffSize", Type.INT,
            "clockMHz", Type.NUMBER, "memoryPortBits", Type.INT, "design", Type.TEXT,
            "runtimeDispatchUs", Type.NUMBER, "runtimeInsnNs", Type.NUMBER, "runtimeMemcpyGBps", Type.NUMBER,
            "runtimeMmioWriteNs", Type.NUMBER, "runtimeMmioReadNs", Type.NUMBER, "runtimeYieldUs", Type.NUMBER,
            "runtimeCoherence", Type.TEXT, "runtimeFlushNsPerByte", Type.NUMBER);

    /** The VTA fields of {@link VtaRuntime}: a profile states all of them or none. */
    static final List<String> VTA_RUNTIME = List.of("runtimeDispatchUs", "runtimeInsnNs",
            "runtimeMemcpyGBps", "runtimeMmioWriteNs", "runtimeMmioReadNs", "runtimeYieldUs", "runtimeCoherence",
            "runtimeFlushNsPerByte");

    static final Map<String, Type> GPU = ordered(
            "peakTeraMacs", Type.OBJECT, "memoryGBps", Type.NUMBER, "launchOverheadUs", Type.NUMBER,
            "graphOverheadUs", Type.NUMBER, "multiprocessors", Type.INT, "calibration", Type.TEXT);

    static final Map<String, Type> LINK = ordered(
            "from", Type.TEXT, "to", Type.TEXT, "latencyUs", Type.NUMBER, "bandwidthGBps", Type.NUMBER,
            "comment", Type.TEXT);

    private ProfileSchema() {
    }

    /** Common device fields plus those of {@code kind} ({@code cpu}, {@code vta}, {@code gpu}); null if unknown. */
    static Map<String, Type> deviceFields(String kind) {
        Map<String, Type> own = switch (kind.toLowerCase(Locale.ROOT)) {
            case "cpu" -> CPU;
            case "vta" -> VTA;
            case "gpu" -> GPU;
            default -> null;
        };
        if (own == null) {
            return null;
        }
        Map<String, Type> all = new LinkedHashMap<>(DEVICE);
        all.putAll(own);
        return all;
    }

    private static Map<String, Type> ordered(Object... nameTypePairs) {
        Map<String, Type> m = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            m.put((String) nameTypePairs[i], (Type) nameTypePairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
