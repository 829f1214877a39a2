package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a graph's nodes in topological order (stable: file order where the file is already sorted) and rejects
 * graphs a topological order cannot exist for, naming the node: undefined inputs, values produced twice, cycles.
 */
final class NodeOrder {
    private NodeOrder() {
    }

    /** Display name of a node in messages: its name, or its first output when unnamed. */
    static String label(NodeProto n) {
        String name = n.getName().isEmpty() && n.getOutputCount() > 0 ? n.getOutput(0) : n.getName();
        return "'" + name + "' (" + n.getOpType() + ")";
    }

    /**
     * @param available names defined before any node runs (graph inputs and initializers)
     * @param fail      turns a message about one node into the exception to throw
     */
    static List<NodeProto> sort(List<NodeProto> nodes, Set<String> available,
                                java.util.function.BiFunction<NodeProto, String, RuntimeException> fail) {
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).getOutputList()) {
                if (out.isEmpty()) {
                    continue;
                }
                Integer before = producer.put(out, i);
                if (before != null) {
                    throw fail.apply(nodes.get(i), "writes value '" + out + "', which node "
                            + label(nodes.get(before)) + " also writes");
                }
                if (available.contains(out)) {
                    throw fail.apply(nodes.get(i), "writes value '" + out + "', which is a graph input or initializer");
                }
            }
        }
        int[] missing = new int[nodes.size()];
        List<List<Integer>> users = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            users.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : new LinkedHashSet<>(nodes.get(i).getInputList())) {
                if (in.isEmpty() || available.contains(in)) {
                    continue;
                }
                Integer p = producer.get(in);
                if (p == null) {
                    throw fail.apply(nodes.get(i), "reads undefined input '" + in
                            + "' (no node, graph input or initializer defines it)");
                }
                missing[i]++;
                users.get(p).add(i);
            }
        }
        // Kahn's algorithm, always taking the earliest ready node so sorted files keep their order.
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (missing[i] == 0) {
                ready.add(i);
            }
        }
        List<NodeProto> order = new ArrayList<>(nodes.size());
        boolean[] done = new boolean[nodes.size()];
        while (!ready.isEmpty()) {
            int i = ready.poll();
            done[i] = true;
            order.add(nodes.get(i));
            for (int u : users.get(i)) {
                if (--missing[u] == 0) {
                    ready.add(u);
                }
            }
        }
        if (order.size() < nodes.size()) {
            throw cycle(nodes, producer, done, available, fail);
        }
        return order;
    }

    /** Walks back from an unsorted node along unsorted producers until a node repeats: that node is on a cycle. */
    private static RuntimeException cycle(List<NodeProto> nodes, Map<String, Integer> producer, boolean[] done,
                                          Set<String> available,
                                          java.util.function.BiFunction<NodeProto, String, RuntimeException> fail) {
        int start = 0;
        while (done[start]) {
            start++;
        }
        Deque<Integer> path = new ArrayDeque<>();
        Map<Integer, Integer> seenAt = new HashMap<>();
        int cur = start;
        while (!seenAt.containsKey(cur)) {
            seenAt.put(cur, path.size());
            path.addLast(cur);
            int next = -1;
            for (String in : nodes.get(cur).getInputList()) {
                Integer p = in.isEmpty() || available.contains(in) ? null : producer.get(in);
                if (p != null && !done[p]) {
                    next = p;
                    break;
                }
            }
            cur = next;
        }
        List<Integer> loop = new ArrayList<>(path).subList(seenAt.get(cur), path.size());
        // loop.get(k + 1) produces what loop.get(k) reads, so data flows from the end of the list to its start
        StringBuilder chain = new StringBuilder(label(nodes.get(cur)));
        for (int k = loop.size() - 1; k >= 0; k--) {
            chain.append(" -> ").append(label(nodes.get(loop.get(k))));
        }
        return fail.apply(nodes.get(cur), "is on a cycle: " + chain);
    }
}
