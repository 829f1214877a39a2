package dev.hetplace.ir;

import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Input;
import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable network in topological order: layer {@code i} has id {@code i} and reads only layers with
 * smaller ids. Construction validates names, references and shapes, naming the offending layer.
 */
public final class Graph {
    private final String name;
    private final List<Layer> layers;
    private final List<Integer> outputs;
    private final Weights weights;
    private final Map<String, Integer> byName;
    private final List<List<Integer>> consumers;

    public Graph(String name, List<Layer> layers, List<Integer> outputs, Weights weights) {
        this.name = name;
        this.layers = List.copyOf(layers);
        this.outputs = List.copyOf(outputs);
        this.weights = weights == null ? Weights.NONE : weights;
        this.byName = new HashMap<>();
        List<List<Integer>> users = new ArrayList<>();
        for (int i = 0; i < this.layers.size(); i++) {
            users.add(new ArrayList<>());
        }
        for (int i = 0; i < this.layers.size(); i++) {
            Layer l = this.layers.get(i);
            if (l.id() != i) {
                throw new GraphException("layer '" + l.name() + "' has id " + l.id() + " at position " + i);
            }
            if (byName.put(l.name(), i) != null) {
                throw new GraphException("duplicate layer name '" + l.name() + "' at #" + i);
            }
            List<TensorType> ins = new ArrayList<>();
            for (int in : l.inputs()) {
                if (in < 0 || in >= i) {
                    throw new GraphException("layer '" + l.name() + "' (#" + i + ") reads "
                            + (in >= i && in < this.layers.size() ? "later layer #" + in + " (a cycle or wrong order)"
                                    : "undefined layer #" + in));
                }
                ins.add(this.layers.get(in).output());
                users.get(in).add(i);
            }
            TensorType inferred;
            try {
                inferred = l.op().infer(ins);
            } catch (ShapeException e) {
                throw new GraphException("layer '" + l.name() + "' (#" + i + ", " + l.opName() + "): " + e.getMessage());
            } catch (ArithmeticException | IndexOutOfBoundsException | NullPointerException e) {
                // an op whose parameters do not fit its inputs (an axis past the rank, a zero divisor): bad input
                throw new GraphException("layer '" + l.name() + "' (#" + i + ", " + l.opName()
                        + "): its parameters do not fit its inputs " + ins + " (" + e.getMessage() + ")");
            }
            if (!inferred.shape().equals(l.output().shape())) {
                throw new GraphException("layer '" + l.name() + "' (#" + i + ") declares output " + l.output().shape()
                        + " but its inputs give " + inferred.shape());
            }
        }
        if (this.outputs.isEmpty()) {
            throw new GraphException("graph '" + name + "' has no outputs");
        }
        for (int o : this.outputs) {
            if (o < 0 || o >= this.layers.size()) {
                throw new GraphException("graph '" + name + "' names undefined output #" + o);
            }
        }
        List<List<Integer>> frozen = new ArrayList<>();
        for (List<Integer> u : users) {
            frozen.add(List.copyOf(u));
        }
        this.consumers = Collections.unmodifiableList(frozen);
    }

    public String name() {
        return name;
    }

    public List<Layer> layers() {
        return layers;
    }

    public int size() {
        return layers.size();
    }

    public Layer layer(int id) {
        return layers.get(id);
    }

    public List<Integer> outputs() {
        return outputs;
    }

    public Weights weights() {
        return weights;
    }

    public Graph withWeights(Weights w) {
        return new Graph(name, layers, outputs, w);
    }

    /** Ids of the layers that read layer {@code id}'s output, in order. */
    public List<Integer> consumers(int id) {
        return consumers.get(id);
    }

    public Integer idOf(String layerName) {
        return byName.get(layerName);
    }

    public List<TensorType> inputTypes(Layer l) {
        List<TensorType> ins = new ArrayList<>(l.inputs().size());
        for (int in : l.inputs()) {
            ins.add(layers.get(in).output());
        }
        return ins;
    }

    public long macs(Layer l) {
        return l.op().macs(inputTypes(l), l.output());
    }

    public long params(Layer l) {
        return l.op().params(inputTypes(l));
    }

    public long totalParams() {
        long p = 0;
        for (Layer l : layers) {
            p += params(l);
        }
        return p;
    }

    public long totalMacs() {
        long m = 0;
        for (Layer l : layers) {
            m += macs(l);
        }
        return m;
    }

    /** Graph inputs, in order. */
    public List<Layer> inputs() {
        return layers.stream().filter(l -> l.op() instanceof Input).toList();
    }

    /** Conv2d layers in TVM's counting order (visit order of the topologically sorted program); index 0 = stem. */
    public List<Layer> convLayers() {
        return layers.stream().filter(l -> l.op() instanceof Conv2d).toList();
    }
}
