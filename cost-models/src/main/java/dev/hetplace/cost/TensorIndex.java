package dev.hetplace.cost;

import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The tensors crossing group boundaries: one per group output, one per graph input read by a group. */
record TensorIndex(List<TensorInfo> tensors, int[] outputTensorOfGroup, List<List<Integer>> inputTensorsOfGroup) {

    static TensorIndex of(GroupedGraph gg) {
        List<TensorInfo> tensors = new ArrayList<>();
        Map<Integer, Integer> tensorOfLayer = new HashMap<>();
        for (Layer in : gg.graph().inputs()) {
            TreeSet<Integer> users = new TreeSet<>();
            for (int u : gg.graph().consumers(in.id())) {
                users.add(gg.groupOf(u));
            }
            tensorOfLayer.put(in.id(), tensors.size());
            tensors.add(new TensorInfo(tensors.size(), in.id(), -1, in.output().elements(), new ArrayList<>(users),
                    gg.graph().outputs().contains(in.id())));
        }
        int[] outputOf = new int[gg.size()];
        for (Group g : gg.groups()) {
            tensorOfLayer.put(g.output(), tensors.size());
            outputOf[g.id()] = tensors.size();
            tensors.add(new TensorInfo(tensors.size(), g.output(), g.id(), gg.outputType(g).elements(),
                    new ArrayList<>(new TreeSet<>(gg.consumers(g.id()))), gg.isGraphOutput(g)));
        }
        List<List<Integer>> inputsOf = new ArrayList<>();
        for (Group g : gg.groups()) {
            List<Integer> ins = new ArrayList<>();
            for (int layer : g.inputs()) {
                Integer t = tensorOfLayer.get(layer);
                if (t == null) {
                    throw new IllegalStateException("group " + g.name() + " reads layer #" + layer
                            + " that is neither a graph input nor a group output");
                }
                if (!ins.contains(t)) {
                    ins.add(t);
                }
            }
            inputsOf.add(List.copyOf(ins));
        }
        return new TensorIndex(List.copyOf(tensors), outputOf, List.copyOf(inputsOf));
    }
}
