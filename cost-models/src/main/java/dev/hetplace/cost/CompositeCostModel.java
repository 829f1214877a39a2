package dev.hetplace.cost;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.hetplace.hw.Device;
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

    private record Key(GroupSignature signature, Device device, Precision precision, Layout layout, int batch) {
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
        Key key = new Key(GroupSignature.of(graph, group), device, precision, layout, batch);
        return cache.get(key, k -> evaluate(graph, group, device, precision, layout, batch));
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
