package dev.hetplace.ir;

import dev.hetplace.ir.op.Input;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A graph partitioned into groups, in topological order. Graph inputs belong to no group. */
public final class GroupedGraph {
    private final Graph graph;
    private final List<Group> groups;
    private final int[] groupOfLayer;
    private final List<List<Integer>> consumerGroups;

    public GroupedGraph(Graph graph, List<Group> groups) {
        this.graph = graph;
        this.groups = List.copyOf(groups);
        this.groupOfLayer = new int[graph.size()];
        Arrays.fill(groupOfLayer, -1);
        for (Group g : this.groups) {
            for (int l : g.layers()) {
                groupOfLayer[l] = g.id();
            }
        }
        List<List<Integer>> cons = new ArrayList<>();
        for (Group g : this.groups) {
            List<Integer> c = new ArrayList<>();
            for (int user : graph.consumers(g.output())) {
                int ug = groupOfLayer[user];
                if (ug != g.id() && !c.contains(ug)) {
                    c.add(ug);
                }
            }
            cons.add(List.copyOf(c));
        }
        this.consumerGroups = List.copyOf(cons);
    }

    public Graph graph() {
        return graph;
    }

    public List<Group> groups() {
        return groups;
    }

    public int size() {
        return groups.size();
    }

    public Group group(int id) {
        return groups.get(id);
    }

    /** The group containing a layer, or -1 for graph inputs. */
    public int groupOf(int layerId) {
        return groupOfLayer[layerId];
    }

    public Layer anchor(Group g) {
        return graph.layer(g.anchor());
    }

    /** Groups reading this group's output tensor, in topological order. */
    public List<Integer> consumers(int groupId) {
        return consumerGroups.get(groupId);
    }

    /** The groups producing this group's inputs; -1 marks a graph input. */
    public List<Integer> producers(Group g) {
        return g.inputs().stream().map(l -> groupOfLayer[l]).toList();
    }

    public boolean isGraphInput(int layerId) {
        return graph.layer(layerId).op() instanceof Input;
    }

    public TensorType outputType(Group g) {
        return graph.layer(g.output()).output();
    }

    public long macs(Group g) {
        long m = 0;
        for (int l : g.layers()) {
            m += graph.macs(graph.layer(l));
        }
        return m;
    }

    public boolean isGraphOutput(Group g) {
        return graph.outputs().contains(g.output());
    }
}
