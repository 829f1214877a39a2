package dev.hetplace.ir;

import dev.hetplace.ir.op.Op;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/**
 * One operator of a graph. {@code id} is its position in the graph's topological order; {@code inputs}
 * are the ids of the layers whose outputs it reads (every layer has exactly one output tensor).
 */
public record Layer(int id, String name, Op op, List<Integer> inputs, TensorType output) {

    public Layer {
        if (name == null || op == null || inputs == null || output == null) {
            throw new GraphException("layer #" + id + (name == null ? "" : " '" + name + "'")
                    + " needs a name, an op, inputs and an output type");
        }
        inputs = List.copyOf(inputs);
    }

    public String opName() {
        return op.name();
    }

    /** "#12" as users address it. */
    public String ref() {
        return "#" + id;
    }
}
