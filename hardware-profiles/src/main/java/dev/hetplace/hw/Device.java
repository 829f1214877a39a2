package dev.hetplace.hw;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One processor of a platform. {@code ops} are the op names (as {@code Op.name()} spells them, e.g.
 * {@code conv2d}, {@code dense}, {@code add}, {@code relu}) it has kernels for; {@code "*"} means every op.
 * {@code opRestrictions} narrows a listed op to attribute values, e.g. {@code conv2d -> {groups: 1}} (VTA runs only
 * ungrouped convolutions); the known attributes are {@link #RESTRICTABLE_ATTRIBUTES}, each of which defaults to 1.
 * {@code memoryBytes} is 0 when the profile does not state a capacity (no memory constraint).
 * Exactly one of {@code cpu}, {@code vta}, {@code gpu} is set, matching {@code kind}.
 */
public record Device(String id, DeviceKind kind, String name, List<Precision> precisions, Set<String> ops,
                     Map<String, Map<String, Integer>> opRestrictions, long memoryBytes, CpuParams cpu,
                     VtaConfig vta, GpuParams gpu) {

    /** Op attributes a profile may restrict; an attribute a caller does not give is taken as 1. */
    public static final List<String> RESTRICTABLE_ATTRIBUTES = List.of("groups", "dilation");

    public Device {
        precisions = List.copyOf(precisions);
        ops = Set.copyOf(ops);
        TreeMap<String, Map<String, Integer>> sorted = new TreeMap<>();
        // TreeMaps, not Map.copyOf: reports list attributes in a fixed order whatever the JVM's hash seed
        (opRestrictions == null ? Map.<String, Map<String, Integer>>of() : opRestrictions).forEach((op, attrs) ->
                sorted.put(op, java.util.Collections.unmodifiableMap(new TreeMap<>(attrs))));
        opRestrictions = java.util.Collections.unmodifiableMap(sorted);
    }

    /** A device without op restrictions. */
    public Device(String id, DeviceKind kind, String name, List<Precision> precisions, Set<String> ops,
                  long memoryBytes, CpuParams cpu, VtaConfig vta, GpuParams gpu) {
        this(id, kind, name, precisions, ops, Map.of(), memoryBytes, cpu, vta, gpu);
    }

    public boolean supports(String opName) {
        return ops.contains("*") || ops.contains(opName);
    }

    /**
     * Whether the device runs {@code opName} with these attribute values (e.g. {@code groups=32}); restricted
     * attributes missing from {@code attributes} count as 1.
     */
    public boolean supports(String opName, Map<String, Integer> attributes) {
        if (!supports(opName)) {
            return false;
        }
        Map<String, Integer> required = opRestrictions.getOrDefault(opName, Map.of());
        return required.entrySet().stream()
                .allMatch(e -> attributes.getOrDefault(e.getKey(), 1).equals(e.getValue()));
    }

    public boolean supports(Precision p) {
        return precisions.contains(p);
    }

    /** The CPU's thread count, or 1 for other kinds. */
    public int threads() {
        return cpu != null ? cpu.threads() : 1;
    }
}
