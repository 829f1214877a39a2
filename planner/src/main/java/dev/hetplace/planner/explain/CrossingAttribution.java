package dev.hetplace.planner.explain;

import dev.hetplace.cost.ConversionPath;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.CrossingStep;
import dev.hetplace.cost.TensorInfo;
import java.util.List;

/**
 * Splits a plan's crossing time over groups: each crossing step of a tensor is charged to the first consumer (in
 * topological order) that needs it, and the host read-back of a graph output to its producer.
 */
public final class CrossingAttribution {
    private CrossingAttribution() {
    }

    public static long[] perGroup(CostTable t, int[] choice) {
        long[] result = new long[t.groupCount()];
        for (TensorInfo tensor : t.tensors()) {
            int p = tensor.isGraphInput() ? 0 : choice[tensor.producer()];
            long paid = 0;
            if (tensor.graphOutput() && !tensor.isGraphInput()) {
                paid = t.hostNeedMask(tensor.id(), p);
                result[tensor.producer()] += t.maskCost(tensor.id(), p, paid);
            }
            for (int consumer : tensor.consumers()) {
                long need = t.needMask(tensor.id(), consumer, p, choice[consumer]);
                if (need == CostTable.INFEASIBLE) {
                    continue;
                }
                result[consumer] += t.maskCost(tensor.id(), p, need & ~paid);
                paid |= need;
            }
        }
        return result;
    }

    /** The part of a plan's crossing time that is device-to-host synchronisation (steps keyed {@code ...:sync}). */
    public static long syncNs(CostTable t, int[] choice) {
        long total = 0;
        for (TensorInfo tensor : t.tensors()) {
            int p = tensor.isGraphInput() ? 0 : choice[tensor.producer()];
            long paid = tensor.graphOutput() && !tensor.isGraphInput() ? t.hostNeedMask(tensor.id(), p) : 0;
            for (int consumer : tensor.consumers()) {
                long need = t.needMask(tensor.id(), consumer, p, choice[consumer]);
                if (need != CostTable.INFEASIBLE) {
                    paid |= need;
                }
            }
            List<CrossingStep> keys = t.keys(tensor.id());
            for (int k = 0; k < keys.size(); k++) {
                if ((paid & (1L << k)) != 0 && keys.get(k).key().endsWith(":" + ConversionPath.SYNC)) {
                    total += t.keyCost(tensor.id(), p, k);
                }
            }
        }
        return total;
    }
}
