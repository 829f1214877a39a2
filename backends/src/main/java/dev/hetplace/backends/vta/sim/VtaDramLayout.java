package dev.hetplace.backends.vta.sim;

import java.util.List;

/** Where a group's tensors sit in the DRAM image, and its size in bytes. */
public record VtaDramLayout(List<VtaDramRegion> regions, long bytes) {

    public VtaDramLayout {
        regions = List.copyOf(regions);
    }

    public VtaDramRegion region(String name) {
        for (VtaDramRegion r : regions) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no DRAM region '" + name + "' (have " + regions.stream()
                .map(VtaDramRegion::name).toList() + ")");
    }

    public boolean has(String name) {
        return regions.stream().anyMatch(r -> r.name().equals(name));
    }
}
