package dev.hetplace.planner.tvm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Input;

/**
 * A model as TVM's frontend hands it to the quantize pass (batch norms after convs folded, as FoldScaleAxis does):
 * each layer's Relay op, inputs in argument order, channel counts, and the outputs. Built from the graph alone,
 * never from a plan, so that what the stand-ins build from it can be compared with the plan.
 */
final class RelayProgramJson {
    private RelayProgramJson() {
    }

    static String of(Graph g) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode layers = root.putArray("layers");
        for (Layer l : g.layers()) {
            ObjectNode n = layers.addObject();
            n.put("id", l.id());
            n.put("name", l.name());
            n.put("relay", l.op() instanceof Input ? "input" : RelayNames.of(l.op()));
            ArrayNode in = n.putArray("inputs");
            l.inputs().forEach(in::add);
            int inChannels = l.inputs().isEmpty() ? 0 : g.layer(l.inputs().get(0)).output().dim(1);
            n.put("inChannels", inChannels);
            n.put("outChannels", l.output().rank() > 1 ? l.output().dim(1) : 0);
            n.put("groups", l.op() instanceof Conv2d c ? c.groups() : 1);
        }
        ArrayNode out = root.putArray("outputs");
        g.outputs().forEach(out::add);
        return root.toString();
    }
}
