package dev.hetplace.ir.pass;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.Weights;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Conv2d;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds every batch norm that solely consumes a conv's output into that conv (which gains a bias), as TVM's
 * SimplifyInference + FoldScaleAxis do. Weights, when present, are folded too:
 * w' = w * gamma / sqrt(var + eps), b' = (b - mean) * gamma / sqrt(var + eps) + beta.
 */
public final class BatchNormFolding {
    private BatchNormFolding() {
    }

    public static Graph apply(Graph graph) {
        int n = graph.size();
        int[] remap = new int[n];
        boolean[] folded = new boolean[n];
        Map<Integer, Integer> bnOfConv = new HashMap<>();
        for (Layer l : graph.layers()) {
            if (l.op() instanceof BatchNorm && l.inputs().size() == 1) {
                int src = l.inputs().get(0);
                if (graph.layer(src).op() instanceof Conv2d && graph.consumers(src).size() == 1
                        && !graph.outputs().contains(src)) {
                    folded[l.id()] = true;
                    bnOfConv.put(src, l.id());
                }
            }
        }
        List<Layer> out = new ArrayList<>();
        Map<String, Map<String, float[]>> weights = new HashMap<>(graph.weights().byLayer());
        for (Layer l : graph.layers()) {
            if (folded[l.id()]) {
                remap[l.id()] = remap[l.inputs().get(0)];
                continue;
            }
            List<Integer> ins = l.inputs().stream().map(i -> remap[i]).toList();
            var op = l.op();
            Integer bn = bnOfConv.get(l.id());
            if (bn != null) {
                Conv2d conv = (Conv2d) op;
                op = conv.withBias(true);
                foldWeights(graph, l, graph.layer(bn), weights);
            }
            Layer nl = new Layer(out.size(), l.name(), op, ins, l.output());
            remap[l.id()] = nl.id();
            out.add(nl);
        }
        List<Integer> outputs = graph.outputs().stream().map(o -> remap[o]).toList();
        Weights w = graph.weights().isEmpty() ? Weights.NONE : new Weights(weights);
        return new Graph(graph.name(), out, outputs, w);
    }

    private static void foldWeights(Graph g, Layer conv, Layer bn, Map<String, Map<String, float[]>> weights) {
        float[] w = g.weights().get(conv.name(), "weight");
        float[] gamma = g.weights().get(bn.name(), "scale");
        if (w == null || gamma == null) {
            weights.remove(bn.name());
            return;
        }
        float[] beta = g.weights().get(bn.name(), "bias");
        float[] mean = g.weights().get(bn.name(), "mean");
        float[] var = g.weights().get(bn.name(), "var");
        double eps = ((BatchNorm) bn.op()).epsilon();
        int cout = conv.output().dim(1);
        int per = w.length / cout;
        float[] b = g.weights().get(conv.name(), "bias");
        float[] nw = w.clone();
        float[] nb = new float[cout];
        for (int o = 0; o < cout; o++) {
            double s = gamma[o] / Math.sqrt(var[o] + eps);
            for (int i = 0; i < per; i++) {
                nw[o * per + i] = (float) (w[o * per + i] * s);
            }
            nb[o] = (float) (((b == null ? 0 : b[o]) - mean[o]) * s + beta[o]);
        }
        weights.put(conv.name(), Map.of("weight", nw, "bias", nb));
        weights.remove(bn.name());
    }
}
