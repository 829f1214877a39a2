package dev.hetplace.planner.exact;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.TensorInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Producer options a tensor's future cannot tell apart: the same crossing-step costs, the same steps needed by
 * every consumer option of every consumer, the same steps to reach the host. The DP keys its states by the class
 * (its smallest option) instead of the option, so such options share a state and only the cheaper label survives.
 */
final class ProducerClasses {
    private ProducerClasses() {
    }

    /** For every tensor and producer option, the smallest producer option of its class. */
    static int[][] of(CostTable t) {
        int[][] rep = new int[t.tensors().size()][];
        for (TensorInfo ti : t.tensors()) {
            int n = t.producerOptions(ti.id());
            rep[ti.id()] = new int[n];
            Map<List<Long>, Integer> seen = new HashMap<>();
            for (int p = 0; p < n; p++) {
                List<Long> sig = signature(t, ti, p);
                Integer first = seen.putIfAbsent(sig, p);
                rep[ti.id()][p] = first == null ? p : first;
            }
        }
        return rep;
    }

    private static List<Long> signature(CostTable t, TensorInfo ti, int p) {
        List<Long> sig = new ArrayList<>();
        for (int k = 0; k < t.keys(ti.id()).size(); k++) {
            sig.add(t.keyCost(ti.id(), p, k));
        }
        sig.add(ti.graphOutput() ? t.hostNeedMask(ti.id(), p) : 0L);
        for (int c : ti.consumers()) {
            long[] row = t.needMatrix(ti.id(), c)[p];
            for (long need : row) {
                sig.add(need);
            }
        }
        return sig;
    }
}
