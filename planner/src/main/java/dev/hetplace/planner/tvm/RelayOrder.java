package dev.hetplace.planner.tvm;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Input;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The order in which TVM visits a model's layers: post-order from the outputs, arguments left to right, each node
 * once. It is the order of the let bindings of {@code ToANormalForm} (which graph_pack's start/stop indices count,
 * vta/python/vta/top/graphpack.py get_subgraph, v0.18.0) and of the annotate pass (whose {@code nn.conv2d}
 * counter {@code skip_conv_layers} indexes, python/tvm/relay/quantize/quantize.py QuantizeContext.check_to_skip,
 * v0.19.0). Graph inputs are Relay variables, not let-bound, and are left out.
 */
public final class RelayOrder {
    private final List<Layer> order;
    private final int[] position;

    private RelayOrder(List<Layer> order, int size) {
        this.order = List.copyOf(order);
        this.position = new int[size];
        java.util.Arrays.fill(position, -1);
        for (int i = 0; i < order.size(); i++) {
            position[order.get(i).id()] = i;
        }
    }

    public static RelayOrder of(Graph g) {
        boolean[] seen = new boolean[g.size()];
        List<Layer> out = new ArrayList<>();
        for (int root : g.outputs()) {
            // iterative post-order (deep graphs would overflow a recursive walk)
            Deque<int[]> stack = new ArrayDeque<>();
            if (!seen[root]) {
                seen[root] = true;
                stack.push(new int[] {root, 0});
            }
            while (!stack.isEmpty()) {
                int[] top = stack.peek();
                Layer l = g.layer(top[0]);
                if (top[1] < l.inputs().size()) {
                    int in = l.inputs().get(top[1]++);
                    if (!seen[in]) {
                        seen[in] = true;
                        stack.push(new int[] {in, 0});
                    }
                } else {
                    stack.pop();
                    if (!(l.op() instanceof Input)) {
                        out.add(l);
                    }
                }
            }
        }
        return new RelayOrder(out, g.size());
    }

    /** The layers in TVM's visit order. */
    public List<Layer> layers() {
        return order;
    }

    /** The position of a layer in the visit order, -1 for graph inputs and layers no output depends on. */
    public int position(int layerId) {
        return position[layerId];
    }

    /** Conv layers in the annotate pass's counting order: index i is {@code skip_conv_layers} entry i. */
    public List<Layer> convs() {
        return order.stream().filter(l -> l.op() instanceof Conv2d).toList();
    }

    /** How many layers of the same Relay op come before this one in the visit order (0 = the first). */
    public int occurrence(Layer layer) {
        String name = RelayNames.of(layer.op());
        int n = 0;
        for (int i = 0; i < position(layer.id()); i++) {
            if (RelayNames.of(order.get(i).op()).equals(name)) {
                n++;
            }
        }
        return n;
    }
}
