package dev.hetplace.hw;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a profile's JSON tree into a validated {@link Platform}. Every check throws a {@link ProfileException}
 * naming the source and field before any record is built, so nothing is half-loaded.
 */
final class ProfileReader {
    /** Device ids: lower case, digits, '_' and inner '-' (so that "a->b" link paths stay unambiguous). */
    static final Pattern DEVICE_ID = Pattern.compile("[a-z][a-z0-9_]*(-[a-z0-9_]+)*");
    private static final int MAX_LOG = 30;
    private static final int MAX_LOG_BLOCK = 10;

    private final String source;

    private ProfileReader(String source) {
        this.source = source;
    }

    static Platform read(JsonNode root, String source) {
        return new ProfileReader(source).platform(ProfileNode.of(root, "", source));
    }

    private Platform platform(ProfileNode top) {
        if (!top.has("schemaVersion")) {
            throw top.error("schemaVersion", "missing field (this build reads schemaVersion "
                    + ProfileSchema.VERSION + ")");
        }
        long version = top.integer("schemaVersion", 0, Integer.MAX_VALUE);
        if (version != ProfileSchema.VERSION) {
            throw top.error("schemaVersion", "unsupported version " + version + " (this build reads "
                    + ProfileSchema.VERSION + ")");
        }
        top.rejectUnknown(ProfileSchema.TOP.keySet(), "profile");
        String name = top.text("name");
        String description = top.optionalText("description").orElse("");
        List<String> notes = top.has("notes") ? top.texts("notes") : List.of();

        List<JsonNode> deviceNodes = top.array("devices");
        if (deviceNodes.isEmpty()) {
            throw top.error("devices", "must list at least one device");
        }
        List<Device> devices = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < deviceNodes.size(); i++) {
            ProfileNode d = ProfileNode.of(deviceNodes.get(i), "devices[" + i + "]", source);
            String id = d.text("id");
            if (!DEVICE_ID.matcher(id).matches()) {
                throw d.error("id", "'" + id + "' is not a device id (lower-case letters, digits, '_', inner '-')");
            }
            if (!ids.add(id)) {
                throw d.error("id", "duplicate device id '" + id + "'");
            }
            devices.add(device(d.withPath("devices." + id), id));
        }

        List<Link> links = new ArrayList<>();
        Set<String> linkKeys = new HashSet<>();
        if (top.has("links")) {
            List<JsonNode> linkNodes = top.array("links");
            for (int i = 0; i < linkNodes.size(); i++) {
                Link link = link(ProfileNode.of(linkNodes.get(i), "links[" + i + "]", source), ids);
                if (!linkKeys.add(link.from() + "->" + link.to())) {
                    throw new ProfileException(source + ": links[" + i + "]: duplicate link " + link.from() + "->"
                            + link.to());
                }
                links.add(link);
            }
        }
        return new Platform(name, description, devices, links, notes);
    }

    private Device device(ProfileNode d, String id) {
        String kindText = d.text("kind");
        Map<String, ProfileSchema.Type> fields = ProfileSchema.deviceFields(kindText);
        if (fields == null || !kindText.equals(kindText.toLowerCase(Locale.ROOT))) {
            throw d.error("kind", "unknown kind '" + kindText + "' (known: cpu, vta, gpu)");
        }
        DeviceKind kind = DeviceKind.valueOf(kindText.toUpperCase(Locale.ROOT));
        d.rejectUnknown(fields.keySet(), "a " + kindText + " device's");
        String name = d.text("name");
        List<Precision> precisions = precisions(d);
        List<String> ops = d.texts("ops");
        Set<String> opSet = new LinkedHashSet<>();
        for (int j = 0; j < ops.size(); j++) {
            String op = ops.get(j);
            if (!OpNames.isKnown(op)) {
                throw d.error("ops[" + j + "]", "unknown op '" + op + "' (known: *, "
                        + String.join(", ", new java.util.TreeSet<>(OpNames.KNOWN)) + ")");
            }
            if (!opSet.add(op)) {
                throw d.error("ops[" + j + "]", "op '" + op + "' listed twice");
            }
        }
        Map<String, Map<String, Integer>> restrictions = d.has("opRestrictions")
                ? restrictions(d.object("opRestrictions"), opSet) : Map.of();
        long memoryBytes = d.has("memoryBytes") ? d.integer("memoryBytes", 1, Long.MAX_VALUE) : 0;
        return switch (kind) {
            case CPU -> new Device(id, kind, name, precisions, opSet, restrictions, memoryBytes, cpu(d), null, null);
            case VTA -> {
                if (!precisions.equals(List.of(Precision.INT8))) {
                    throw d.error("precisions", "a vta device computes int8 only (8-bit inputs and weights), got "
                            + precisions.stream().map(Precision::id).toList());
                }
                yield new Device(id, kind, name, precisions, opSet, restrictions, memoryBytes, null, vta(d), null);
            }
            case GPU -> new Device(id, kind, name, precisions, opSet, restrictions, memoryBytes, null, null,
                    gpu(d, precisions));
        };
    }

    private List<Precision> precisions(ProfileNode d) {
        List<String> texts = d.texts("precisions");
        List<Precision> out = new ArrayList<>();
        for (int j = 0; j < texts.size(); j++) {
            Precision p = precision(d, "precisions[" + j + "]", texts.get(j));
            if (out.contains(p)) {
                throw d.error("precisions[" + j + "]", "precision '" + p.id() + "' listed twice");
            }
            out.add(p);
        }
        return out;
    }

    private static Precision precision(ProfileNode d, String field, String text) {
        for (Precision p : Precision.values()) {
            if (p.id().equals(text)) {
                return p;
            }
        }
        throw d.error(field, "unknown precision '" + text + "' (known: fp32, tf32, fp16, bf16, int8)");
    }

    private static Map<String, Map<String, Integer>> restrictions(ProfileNode r, Set<String> ops) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (String op : r.fieldNames()) {
            if (!ops.contains(op)) {
                throw r.error(op, "restricts op '" + op + "', which the device's ops do not list");
            }
            ProfileNode attrs = r.object(op);
            attrs.rejectUnknown(Device.RESTRICTABLE_ATTRIBUTES, "restrictable attribute");
            Map<String, Integer> values = new LinkedHashMap<>();
            for (String attr : attrs.fieldNames()) {
                values.put(attr, (int) attrs.integer(attr, 1, Integer.MAX_VALUE));
            }
            out.put(op, values);
        }
        return out;
    }

    private static CpuParams cpu(ProfileNode d) {
        String isa = d.text("isa");
        int cores = (int) d.integer("cores", 1, 4096);
        int threads = (int) d.integer("threads", 1, 4096);
        if (threads > cores) {
            throw d.error("threads", "must be <= cores (" + cores + "), got " + threads);
        }
        String calibration = d.optionalText("calibration").orElse("");
        boolean analyticalRequired = calibration.isEmpty();
        double clock = optionalNumber(d, "clockMHz", analyticalRequired);
        int simdBits = d.has("simdBits") || analyticalRequired ? (int) d.integer("simdBits", 1, 4096) : 0;
        double fp32 = optionalNumber(d, "fp32MacsPerCycle", analyticalRequired);
        double int8 = optionalNumber(d, "int8MacsPerCycle", analyticalRequired);
        double dram = optionalNumber(d, "dramGBps", analyticalRequired);
        return new CpuParams(isa, cores, threads, clock, simdBits, fp32, int8, dram, calibration);
    }

    private static double optionalNumber(ProfileNode d, String field, boolean required) {
        return d.has(field) || required ? d.number(field, false) : 0;
    }

    private static VtaConfig vta(ProfileNode d) {
        VtaConfig c = new VtaConfig(blockLog(d, "logBatch"), blockLog(d, "logBlockIn"), blockLog(d, "logBlockOut"),
                log(d, "logInpBuffSize"), log(d, "logWgtBuffSize"), log(d, "logAccBuffSize"),
                log(d, "logUopBuffSize"), d.number("clockMHz", false),
                (int) d.integer("memoryPortBits", 8, 4096), d.text("design"), vtaRuntime(d));
        if (c.memoryPortBits() % 8 != 0) {
            throw d.error("memoryPortBits", "must be a multiple of 8, got " + c.memoryPortBits());
        }
        if (!c.design().equals("hls") && !c.design().equals("chisel")) {
            throw d.error("design", "unknown design '" + c.design() + "' (known: hls, chisel)");
        }
        requireEntry(d, "logInpBuffSize", c.logInpBuffSize(), c.inpEntryBytes());
        requireEntry(d, "logWgtBuffSize", c.logWgtBuffSize(), c.wgtEntryBytes());
        requireEntry(d, "logAccBuffSize", c.logAccBuffSize(), c.accEntryBytes());
        requireEntry(d, "logUopBuffSize", c.logUopBuffSize(), VtaConfig.UOP_BYTES);
        return c;
    }

    private static VtaRuntime vtaRuntime(ProfileNode d) {
        List<String> stated = ProfileSchema.VTA_RUNTIME.stream().filter(d::has).toList();
        if (stated.isEmpty()) {
            return VtaRuntime.NONE;
        }
        for (String field : ProfileSchema.VTA_RUNTIME) {
            if (!d.has(field)) {
                throw d.error(field, "missing field (a vta device states all of "
                        + String.join(", ", ProfileSchema.VTA_RUNTIME) + " or none; this one states "
                        + String.join(", ", stated) + ")");
            }
        }
        String coherence = d.text("runtimeCoherence");
        if (!coherence.equals("coherent") && !coherence.equals("non-coherent")) {
            throw d.error("runtimeCoherence", "unknown coherence '" + coherence + "' (known: coherent, non-coherent)");
        }
        return new VtaRuntime(d.number("runtimeDispatchUs", true), d.number("runtimeInsnNs", true),
                d.number("runtimeMemcpyGBps", false), d.number("runtimeMmioWriteNs", true),
                d.number("runtimeMmioReadNs", true), d.number("runtimeYieldUs", true), coherence.equals("coherent"),
                d.number("runtimeFlushNsPerByte", true));
    }

    private static int log(ProfileNode d, String field) {
        return (int) d.integer(field, 0, MAX_LOG);
    }

    /** The GEMM core's sides (batch, block in, block out) are at most 2^10, so its entries fit an int. */
    private static int blockLog(ProfileNode d, String field) {
        return (int) d.integer(field, 0, MAX_LOG_BLOCK);
    }

    private static void requireEntry(ProfileNode d, String field, int logBytes, int entryBytes) {
        if ((1L << logBytes) < entryBytes) {
            throw d.error(field, "a buffer of 2^" + logBytes + " bytes cannot hold one " + entryBytes
                    + "-byte entry");
        }
    }

    private static GpuParams gpu(ProfileNode d, List<Precision> precisions) {
        ProfileNode peaks = d.object("peakTeraMacs");
        Map<Precision, Double> peak = new EnumMap<>(Precision.class);
        for (String key : peaks.fieldNames()) {
            peak.put(precision(peaks, key, key), peaks.number(key, false));
        }
        for (Precision p : precisions) {
            if (!peak.containsKey(p)) {
                throw peaks.error(p.id(), "missing field (every precision of the device needs a peak)");
            }
        }
        for (Precision p : peak.keySet()) {
            if (!precisions.contains(p)) {
                throw peaks.error(p.id(), "precision not in the device's precisions");
            }
        }
        return new GpuParams(peak, d.number("memoryGBps", false), d.number("launchOverheadUs", false),
                d.number("graphOverheadUs", false), (int) d.integer("multiprocessors", 1, 100_000),
                d.optionalText("calibration").orElse(""));
    }

    private Link link(ProfileNode l, Set<String> ids) {
        l.rejectUnknown(ProfileSchema.LINK.keySet(), "link");
        String from = l.text("from");
        String to = l.text("to");
        for (String end : List.of("from", "to")) {
            String id = end.equals("from") ? from : to;
            if (!ids.contains(id)) {
                throw l.error(end, "no device '" + id + "' (devices: " + String.join(", ", ids.stream().sorted()
                        .toList()) + ")");
            }
        }
        if (from.equals(to)) {
            throw l.error("to", "a link joins two different devices, got " + from + "->" + to);
        }
        ProfileNode named = l.withPath("links." + from + "->" + to);
        return new Link(from, to, named.number("latencyUs", true), named.number("bandwidthGBps", false),
                named.optionalText("comment").orElse(""));
    }
}
