package dev.hetplace.cost;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Op;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.tensor.TensorType;

/** Small graphs for tests: one layer on one input. */
public final class TestGraphs {
    private TestGraphs() {
    }

    /** A graph of one input of {@code dims} and one layer {@code op}; its only group. */
    public static GroupedGraph single(Op op, int... dims) {
        GraphBuilder b = new GraphBuilder("single");
        int in = b.input("x", TensorType.fp32(dims));
        int out = b.add("layer", op, in);
        return Grouping.apply(b.build(out));
    }

    public static Group only(GroupedGraph g) {
        return g.groups().get(0);
    }

    public static Graph graphOf(GroupedGraph g) {
        return g.graph();
    }
}
