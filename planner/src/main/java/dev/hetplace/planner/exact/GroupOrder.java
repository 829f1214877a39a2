package dev.hetplace.planner.exact;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.TensorInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders in which the DP may visit the groups (any topological order gives the same optimum). The DP's states grow
 * with the number of live tensors, so on branchy graphs (attention's query, key and value paths) an order that
 * finishes one branch and consumes it before opening the next keeps the state space small.
 */
final class GroupOrder {
    private GroupOrder() {
    }

    static int[] identity(int groups) {
        int[] order = new int[groups];
        for (int g = 0; g < groups; g++) {
            order[g] = g;
        }
        return order;
    }

    /**
     * Greedy: among the groups whose inputs are all produced, the one that leaves the fewest tensors live (frees the
     * most inputs it is the last consumer of, less its own output), the lowest index on ties; over {@code edges}
     * only (a relaxed graph has more orders).
     */
    static int[] narrow(CostTable t, Edges edges) {
        int groups = t.groupCount();
        int[] waiting = new int[groups];
        int[] readersLeft = new int[t.tensors().size()];
        for (TensorInfo ti : t.tensors()) {
            readersLeft[ti.id()] = edges.consumers(ti.id()).size();
        }
        for (int g = 0; g < groups; g++) {
            for (int in : edges.inputs(g)) {
                if (!t.tensor(in).isGraphInput()) {
                    waiting[g]++;
                }
            }
        }
        List<Integer> ready = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            if (waiting[g] == 0) {
                ready.add(g);
            }
        }
        int[] order = new int[groups];
        for (int step = 0; step < groups; step++) {
            int best = ready.stream().min(Comparator.<Integer>comparingInt(g -> growth(t, edges, readersLeft, g))
                    .thenComparingInt(g -> g)).orElseThrow();
            ready.remove(Integer.valueOf(best));
            order[step] = best;
            for (int in : edges.inputs(best)) {
                readersLeft[in]--;
            }
            for (int c : edges.consumers(t.outputTensor(best))) {
                if (--waiting[c] == 0) {
                    ready.add(c);
                }
            }
        }
        return order;
    }

    private static int growth(CostTable t, Edges edges, int[] readersLeft, int g) {
        int freed = 0;
        for (int in : edges.inputs(g)) {
            if (readersLeft[in] == 1) {
                freed++;
            }
        }
        return (edges.consumers(t.outputTensor(g)).isEmpty() ? 0 : 1) - freed;
    }

    /** The most tensors live at once (over {@code edges}) when the groups run in {@code order}. */
    static int width(CostTable t, Edges edges, int[] order) {
        int[] readersLeft = new int[t.tensors().size()];
        int live = 0;
        for (TensorInfo ti : t.tensors()) {
            readersLeft[ti.id()] = edges.consumers(ti.id()).size();
            if (ti.isGraphInput() && readersLeft[ti.id()] > 0) {
                live++;
            }
        }
        int widest = live;
        for (int g : order) {
            for (int in : edges.inputs(g)) {
                if (--readersLeft[in] == 0) {
                    live--;
                }
            }
            if (!edges.consumers(t.outputTensor(g)).isEmpty()) {
                live++;
            }
            widest = Math.max(widest, live);
        }
        return widest;
    }

    static int[] positions(int[] order) {
        int[] position = new int[order.length];
        for (int step = 0; step < order.length; step++) {
            position[order[step]] = step;
        }
        return position;
    }

    /** Each tensor's consumers sorted by their position in the order. */
    static List<List<Integer>> consumersInOrder(CostTable t, Edges edges, int[] position) {
        List<List<Integer>> result = new ArrayList<>();
        for (TensorInfo ti : t.tensors()) {
            List<Integer> cons = new ArrayList<>(edges.consumers(ti.id()));
            cons.sort(Comparator.comparingInt(c -> position[c]));
            result.add(cons);
        }
        return result;
    }
}
