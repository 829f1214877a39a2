package dev.hetplace.backends.exec;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.Weights;

/**
 * The parameter tensors an execution uses, with where they came from. Tensors are keyed by layer name as
 * {@link Weights} documents: conv2d {@code weight} [O, I/groups, kH, kW] and {@code bias} [O]; dense
 * {@code weight} [units, in] and {@code bias}; batch_norm {@code scale}, {@code bias}, {@code mean}, {@code var};
 * layer_norm {@code scale}, {@code bias}; embedding {@code weight} [vocab, dim]; an element-wise op with a
 * constant operand {@code constant}.
 */
public record ModelWeights(Weights weights, WeightSource source) {

    /** A parameter tensor of a layer, or a {@link MissingWeightsException} naming the layer and tensor. */
    public float[] require(Layer layer, String param) {
        float[] t = weights.get(layer.name(), param);
        if (t == null) {
            throw new MissingWeightsException("layer '" + layer.name() + "' (" + layer.ref() + ", " + layer.opName()
                    + ") has no '" + param + "' tensor in its " + source + " weights");
        }
        return t;
    }

    public float[] optional(Layer layer, String param) {
        return weights.get(layer.name(), param);
    }

    /** The model's own weights; a {@link MissingWeightsException} when it has none. */
    public static ModelWeights fromModel(Graph graph) {
        if (graph.weights().isEmpty()) {
            throw new MissingWeightsException("model '" + graph.name()
                    + "' has no weights (no ONNX initializers); run it with synthetic weights instead");
        }
        return new ModelWeights(graph.weights(), WeightSource.onnx());
    }
}
