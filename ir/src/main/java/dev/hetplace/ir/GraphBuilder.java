package dev.hetplace.ir;

import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.op.Input;
import dev.hetplace.ir.op.Op;
import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Graph} one layer at a time, inferring each output type; layers are referred to by the id
 * {@link #add} returns. Names default to {@code <op><n>} and can be given explicitly.
 */
public final class GraphBuilder {
    private final String name;
    private final List<Layer> layers = new ArrayList<>();
    private final java.util.Set<String> names = new java.util.HashSet<>();

    public GraphBuilder(String name) {
        this.name = name;
    }

    public int input(String inputName, TensorType type) {
        return add(inputName, new Input(type));
    }

    public int add(String layerName, Op op, int... inputs) {
        List<TensorType> ins = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int in : inputs) {
            if (in < 0 || in >= layers.size()) {
                throw new GraphException("layer '" + layerName + "' reads undefined layer #" + in);
            }
            ins.add(layers.get(in).output());
            ids.add(in);
        }
        TensorType out;
        try {
            out = op.infer(ins);
        } catch (ShapeException e) {
            throw new GraphException("layer '" + layerName + "' (#" + layers.size() + ", " + op.name() + "): "
                    + e.getMessage());
        }
        if (!names.add(layerName)) {
            throw new GraphException("duplicate layer name '" + layerName + "'");
        }
        int id = layers.size();
        layers.add(new Layer(id, layerName, op, ids, out));
        return id;
    }

    /** Adds with an automatic unique name derived from the op. */
    public int add(Op op, int... inputs) {
        String base = op.name().replace(':', '_');
        String n = base + "_" + layers.size();
        return add(n, op, inputs);
    }

    public TensorType type(int id) {
        return layers.get(id).output();
    }

    public int channels(int id) {
        return layers.get(id).output().dim(1);
    }

    public int size() {
        return layers.size();
    }

    // Conveniences used by the model zoo.

    public int conv(String n, int in, int out, int k, int stride, int pad, boolean bias) {
        return add(n, Conv2d.square(out, k, stride, pad, bias), in);
    }

    public int bn(String n, int in) {
        return add(n, new BatchNorm(1e-5), in);
    }

    public int relu(String n, int in) {
        return add(n, Activation.relu(), in);
    }

    public int dense(String n, int in, int units) {
        return add(n, new Dense(units, true), in);
    }

    public int addTensors(String n, int a, int b) {
        return add(n, Eltwise.of(EltwiseKind.ADD), a, b);
    }

    public Graph build(int... outputs) {
        List<Integer> outs = new ArrayList<>();
        for (int o : outputs) {
            outs.add(o);
        }
        return new Graph(name, layers, outs, Weights.NONE);
    }
}
