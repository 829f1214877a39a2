package dev.hetplace.cost;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.hetplace.backends.vta.VtaWorkloads;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import java.util.Optional;

/**
 * Sends each group to the model of its device's kind (CPU, GPU, VTA) and caches the answers with Caffeine, keyed
 * by the group's {@link GroupSignature}, the device (its whole profile record: id, kind, precisions, ops and
 * performance parameters, so an overridden field is a different key), precision, layout and batch. A repeated
 * shape costs no model evaluation.
 */
public final class CompositeCostModel implements GroupCostModel {
    /** Distinct (signature, choice, batch) entries kept; a sweep over the whole zoo needs well under this. */
    public static final long DEFAULT_MAXIMUM_SIZE = 200_000;

    private final GroupCostModel cpu;
    private final GroupCostModel gpu;
    private final GroupCostModel vta;
    private final Cache<Key, Optional<Cost>> cache;

    /**
     * {@code fusedInto}: the signature of the conv group a residual add fuses into on VTA (null elsewhere), on
     * which the add's VTA price depends as much as on its own.
     */
    private record Key(GroupSignature signature, GroupSignature fusedInto, Device device, Precision precision,
                       Layout layout, int batch) {
    }

    /** {@code vta} may be null: VTA choices are then infeasible. */
    public CompositeCostModel(GroupCostModel cpu, GroupCostModel gpu, GroupCostModel vta) {
        this(cpu, gpu, vta, DEFAULT_MAXIMUM_SIZE);
    }

    public CompositeCostModel(GroupCostModel cpu, GroupCostModel gpu, GroupCostModel vta, long maximumSize) {
        this.cpu = cpu;
        this.gpu = gpu;
        this.vta = vta;
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
    }

    @Override
    public Optional<Cost> cost(GroupedGraph graph, Group group, Device device, Precision precision, Layout layout,
                               int batch) {
        Optional<Group> fusion = device.kind() == DeviceKind.VTA ? VtaWorkloads.fusionProducer(graph, group)
                : Optional.empty();
        Key key = new Key(GroupSignature.of(graph, group), fusion.map(g -> GroupSignature.of(graph, g)).orElse(null),
                device, precision, layout, batch);
        Optional<Cost> cost = cache.get(key, k -> evaluate(graph, group, device, precision, layout, batch));
        // a cached fused price may come from the same shapes elsewhere in the graph: fused into this add's conv
        return fusion.isPresent() ? cost.map(c -> c.fused() ? c.withFusedInto(fusion.get().id()) : c) : cost;
    }

    private Optional<Cost> evaluate(GroupedGraph graph, Group group, Device device, Precision precision,
                                    Layout layout, int batch) {
        GroupCostModel model = switch (device.kind()) {
            case CPU -> cpu;
            case GPU -> gpu;
            case VTA -> vta;
        };
        return model == null ? Optional.empty() : model.cost(graph, group, device, precision, layout, batch);
    }

    /** Hits, misses (= model evaluations) and evictions since construction. */
    public CacheStats stats() {
        return cache.stats();
    }

    public long size() {
        return cache.estimatedSize();
    }
}
