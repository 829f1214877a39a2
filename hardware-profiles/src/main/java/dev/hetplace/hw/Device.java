package dev.hetplace.hw;

import java.util.List;
import java.util.Set;

/**
 * One processor of a platform. {@code ops} are the op names (as {@code Op.name()} spells them, e.g.
 * {@code conv2d}, {@code dense}, {@code add}, {@code relu}) it has kernels for; {@code "*"} means every op.
 * Exactly one of {@code cpu}, {@code vta}, {@code gpu} is set, matching {@code kind}.
 */
public record Device(String id, DeviceKind kind, String name, List<Precision> precisions, Set<String> ops,
                     long memoryBytes, CpuParams cpu, VtaConfig vta, GpuParams gpu) {

    public Device {
        precisions = List.copyOf(precisions);
        ops = Set.copyOf(ops);
    }

    public boolean supports(String opName) {
        return ops.contains("*") || ops.contains(opName);
    }

    public boolean supports(Precision p) {
        return precisions.contains(p);
    }
}
