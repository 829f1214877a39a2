package dev.hetplace.cost;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Op;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * What a group's price depends on: its anchor op (the record, with all its attributes), the anchor's input types
 * and the names of the layers fused into it. Groups with equal signatures (ResNet's repeated blocks, the same
 * shape in two models) cost the same on every choice.
 */
public record GroupSignature(Op anchor, List<TensorType> inputs, List<String> fused) {
    public GroupSignature {
        inputs = List.copyOf(inputs);
        fused = List.copyOf(fused);
    }

    public static GroupSignature of(GroupedGraph graph, Group group) {
        Graph g = graph.graph();
        Layer anchor = graph.anchor(group);
        List<String> fused = new ArrayList<>();
        for (int id : group.layers()) {
            if (id != anchor.id()) {
                fused.add(g.layer(id).opName());
            }
        }
        return new GroupSignature(anchor.op(), g.inputTypes(anchor), fused);
    }
}
