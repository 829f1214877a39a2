package dev.hetplace.planner.exact;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.TensorInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensor-to-consumer edges the DP prices: all of them (the problem itself), or a subset (a relaxation). A
 * dropped edge costs nothing and constrains nothing: a tensor pays only the crossing steps its kept consumers (and
 * the host) need, which never exceeds what all its consumers need, so the DP's optimum over a subset is a lower
 * bound on the true optimum. A tensor whose consumers are dropped dies early, which keeps the DP's states few.
 */
final class Edges {
    /** Per tensor, its kept consumers (ascending group ids). */
    private final List<List<Integer>> consumers;
    /** Per group, the tensors it reads over kept edges. */
    private final List<List<Integer>> inputs;
    private final int dropped;

    private Edges(CostTable t, List<List<Integer>> consumers) {
        this.consumers = consumers;
        this.inputs = new ArrayList<>();
        for (int g = 0; g < t.groupCount(); g++) {
            List<Integer> in = new ArrayList<>();
            for (int tensor : t.inputTensors(g)) {
                if (consumers.get(tensor).contains(g)) {
                    in.add(tensor);
                }
            }
            inputs.add(in);
        }
        int all = 0;
        int kept = 0;
        for (TensorInfo ti : t.tensors()) {
            all += ti.consumers().size();
            kept += consumers.get(ti.id()).size();
        }
        this.dropped = all - kept;
    }

    static Edges all(CostTable t) {
        List<List<Integer>> consumers = new ArrayList<>();
        for (TensorInfo ti : t.tensors()) {
            consumers.add(ti.consumers());
        }
        return new Edges(t, consumers);
    }

    /** No edge at all: every group priced alone. */
    static Edges none(CostTable t) {
        List<List<Integer>> consumers = new ArrayList<>();
        for (TensorInfo ti : t.tensors()) {
            consumers.add(List.of());
        }
        return new Edges(t, consumers);
    }

    /** Every tensor keeps only its earliest consumer (the lowest group id). */
    static Edges firstConsumers(CostTable t) {
        List<List<Integer>> consumers = new ArrayList<>();
        for (TensorInfo ti : t.tensors()) {
            consumers.add(ti.consumers().isEmpty() ? List.of() : List.of(ti.consumers().get(0)));
        }
        return new Edges(t, consumers);
    }

    /**
     * These edges less those that would keep more than {@code width} tensors live when the groups run in
     * {@code order}: whenever one more is live, the live tensor read again latest loses its remaining edges.
     */
    Edges capped(CostTable t, int[] order, int width) {
        int[] position = GroupOrder.positions(order);
        List<List<Integer>> remaining = new ArrayList<>();
        for (List<Integer> c : consumers) {
            remaining.add(new ArrayList<>(c));
        }
        // the position after which a tensor's edges are dropped
        int[] cutAfter = new int[consumers.size()];
        java.util.Arrays.fill(cutAfter, Integer.MAX_VALUE);
        List<Integer> live = new ArrayList<>();
        for (TensorInfo ti : t.tensors()) {
            if (ti.isGraphInput() && !remaining.get(ti.id()).isEmpty()) {
                live.add(ti.id());
            }
        }
        for (int step = 0; step < order.length; step++) {
            int g = order[step];
            for (int tensor : inputs.get(g)) {
                remaining.get(tensor).remove(Integer.valueOf(g));
            }
            live.removeIf(tensor -> remaining.get(tensor).isEmpty());
            int out = t.outputTensor(g);
            if (!remaining.get(out).isEmpty()) {
                live.add(out);
            }
            while (live.size() > width) {
                int latest = live.get(0);
                for (int tensor : live) {
                    if (nextRead(remaining.get(tensor), position) > nextRead(remaining.get(latest), position)) {
                        latest = tensor;
                    }
                }
                live.remove(Integer.valueOf(latest));
                remaining.get(latest).clear();
                cutAfter[latest] = step;
            }
        }
        List<List<Integer>> kept = new ArrayList<>();
        for (int i = 0; i < consumers.size(); i++) {
            int cut = cutAfter[i];
            kept.add(consumers.get(i).stream().filter(c -> position[c] <= cut).toList());
        }
        return new Edges(t, kept);
    }

    private static int nextRead(List<Integer> readers, int[] position) {
        int first = Integer.MAX_VALUE;
        for (int c : readers) {
            first = Math.min(first, position[c]);
        }
        return first;
    }

    /** These edges plus {@code added} (pairs of tensor and consumer group). */
    Edges with(CostTable t, List<int[]> added) {
        List<List<Integer>> next = new ArrayList<>();
        for (List<Integer> c : consumers) {
            next.add(new ArrayList<>(c));
        }
        for (int[] edge : added) {
            List<Integer> c = next.get(edge[0]);
            if (!c.contains(edge[1])) {
                c.add(edge[1]);
            }
        }
        for (int i = 0; i < next.size(); i++) {
            List<Integer> c = next.get(i);
            c.sort(null);
            next.set(i, List.copyOf(c));
        }
        return new Edges(t, next);
    }

    List<Integer> consumers(int tensor) {
        return consumers.get(tensor);
    }

    List<Integer> inputs(int group) {
        return inputs.get(group);
    }

    boolean isComplete() {
        return dropped == 0;
    }

    int dropped() {
        return dropped;
    }
}
