package dev.hetplace.ir.pass;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.ActivationKind;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.Input;
import dev.hetplace.ir.op.Op;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Forms groups as TVM's operator fusion does for VTA: an anchor layer absorbs the chain of batch norms,
 * constant bias / scale ops and activations that solely consume its output. Residual adds (two activation
 * inputs) are anchors of their own, as VTA runs them as separate ALU kernels. Only activations VTA's ALU can
 * compute (ReLU, ReLU6 and clip: MIN / MAX) are fused; the others (leaky ReLU, sigmoid, GELU, ...) need a
 * multiply VTA lacks, so they form their own groups and the conv before them can still be offloaded, with the
 * activation on the CPU, as TVM's VTA flow runs yolov3-tiny's leaky ReLU.
 */
public final class Grouping {
    private Grouping() {
    }

    public static GroupedGraph apply(Graph graph) {
        List<Group> groups = new ArrayList<>();
        boolean[] taken = new boolean[graph.size()];
        for (Layer l : graph.layers()) {
            if (taken[l.id()] || l.op() instanceof Input) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            members.add(l.id());
            taken[l.id()] = true;
            int tail = l.id();
            while (true) {
                List<Integer> users = graph.consumers(tail);
                if (users.size() != 1 || graph.outputs().contains(tail)) {
                    break;
                }
                Layer next = graph.layer(users.get(0));
                if (taken[next.id()] || !fusable(next.op())) {
                    break;
                }
                members.add(next.id());
                taken[next.id()] = true;
                tail = next.id();
            }
            Set<Integer> inputs = new LinkedHashSet<>();
            for (int m : members) {
                for (int in : graph.layer(m).inputs()) {
                    if (!members.contains(in)) {
                        inputs.add(in);
                    }
                }
            }
            groups.add(new Group(groups.size(), l.name(), l.id(), members, new ArrayList<>(inputs), tail));
        }
        return new GroupedGraph(graph, groups);
    }

    private static boolean fusable(Op op) {
        return op instanceof BatchNorm || (op instanceof Eltwise e && e.hasConstant())
                || op instanceof Activation a && (a.kind() == ActivationKind.RELU || a.kind() == ActivationKind.RELU6
                        || a.kind() == ActivationKind.CLIP);
    }
}
