package dev.hetplace.backends.exec;

import dev.hetplace.backends.cpu.Conv2dKernel;
import dev.hetplace.backends.cpu.DenseKernel;
import dev.hetplace.backends.cpu.FloatTensor;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.cpu.Shape;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.Weights;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.op.Embedding;
import dev.hetplace.ir.op.Input;
import dev.hetplace.ir.op.LayerNorm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deterministic weights for models that have none. Every parameter is drawn from {@code java.util.Random}'s
 * Gaussian sequence ({@link GaussianStream}) seeded by (seed, layer name), so a layer's weights do not depend on the
 * rest of the graph and layers are drawn in parallel. Conv and dense weights are
 * N(0, 2 / fan-in) with a small N(0, 0.1^2) bias, then scaled layer by layer so that the layer's output has
 * unit variance over all calibration inputs, as a trained network with batch norm would (the factors can be kept
 * in a {@link WeightScaleStore}); batch norm and layer
 * norm start as identities, embeddings N(0, 1), constant operands near 0 (add / sub) or near 1 (mul / div).
 */
public final class SyntheticWeights {
    private static final double BIAS_STD = 0.1;

    private SyntheticWeights() {
    }

    /** Weights from the model when it has them and {@code mode} allows; else synthetic from {@code seed}. */
    public static ModelWeights resolve(Graph graph, WeightMode mode, long seed, CalibrationInputs inputs,
                                       Parallel par) {
        return switch (mode) {
            case ONNX -> ModelWeights.fromModel(graph);
            case AUTO -> graph.weights().isEmpty() ? generate(graph, seed, inputs, par) : ModelWeights.fromModel(graph);
            case SYNTHETIC -> generate(graph, seed, inputs, par);
        };
    }

    /** As {@link #resolve(Graph, WeightMode, long, CalibrationInputs, Parallel)}, normalizing through {@code store}. */
    public static ModelWeights resolve(Graph graph, WeightMode mode, long seed, CalibrationInputs inputs,
                                       Parallel par, WeightScaleStore store) {
        return switch (mode) {
            case ONNX -> ModelWeights.fromModel(graph);
            case AUTO -> graph.weights().isEmpty() ? generate(graph, seed, inputs, par, store)
                    : ModelWeights.fromModel(graph);
            case SYNTHETIC -> generate(graph, seed, inputs, par, store);
        };
    }

    public static ModelWeights generate(Graph graph, long seed, CalibrationInputs inputs, Parallel par) {
        return generate(graph, seed, inputs, par, WeightScaleStore.NONE);
    }

    /**
     * The weights of {@code seed}, normalized on {@code inputs}: the normalizing factors come from {@code store}
     * (kept for this graph, seed and inputs) when it holds them for every conv and dense layer, the same values a
     * pass over the inputs gives, without the pass; else from that pass, then saved to {@code store}.
     */
    public static ModelWeights generate(Graph graph, long seed, CalibrationInputs inputs, Parallel par,
                                        WeightScaleStore store) {
        List<Layer> layers = graph.layers();
        List<Map<String, float[]>> drawn = new ArrayList<>(java.util.Collections.nCopies(layers.size(), null));
        par.forEach(layers.size(), i -> drawn.set(i, draw(graph, layers.get(i), seed)));
        Map<String, Map<String, float[]>> params = new TreeMap<>();
        for (int i = 0; i < layers.size(); i++) {
            if (!drawn.get(i).isEmpty()) {
                params.put(layers.get(i).name(), drawn.get(i));
            }
        }
        Map<String, Float> factors = store.load()
                .filter(f -> f.keySet().equals(normalizedLayers(graph)))
                .orElseGet(() -> {
                    ModelWeights unscaled = new ModelWeights(new Weights(params), WeightSource.synthetic(seed));
                    Map<String, Float> measured = normalizationFactors(graph, unscaled, params, inputs, par);
                    store.save(measured);
                    return measured;
                });
        factors.forEach((layer, k) -> {
            Map<String, float[]> p = params.get(layer);
            scale(p.get("weight"), k);
            float[] b = p.get("bias");
            if (b != null) {
                scale(b, k);
            }
        });
        return new ModelWeights(new Weights(params), WeightSource.synthetic(seed));
    }

    /** The layers whose weights normalization scales: every conv and dense layer. */
    public static java.util.Set<String> normalizedLayers(Graph graph) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Layer l : graph.layers()) {
            if (l.op() instanceof Conv2d || l.op() instanceof Dense) {
                names.add(l.name());
            }
        }
        return names;
    }

    private static Map<String, float[]> draw(Graph graph, Layer l, long seed) {
        GaussianStream rnd = new GaussianStream(seed * 0x9E3779B97F4A7C15L + l.name().hashCode());
        Map<String, float[]> p = new HashMap<>();
        var op = l.op();
        if (op instanceof Conv2d c) {
            int in = graph.layer(l.inputs().get(0)).output().dim(1) / c.groups();
            int fanIn = in * c.kernelH() * c.kernelW();
            p.put("weight", gaussian(rnd, c.outChannels() * fanIn, Math.sqrt(2.0 / fanIn), 0));
            if (c.bias()) {
                p.put("bias", gaussian(rnd, c.outChannels(), BIAS_STD, 0));
            }
        } else if (op instanceof Dense d) {
            int fanIn = graph.layer(l.inputs().get(0)).output().dim(-1);
            p.put("weight", gaussian(rnd, d.units() * fanIn, Math.sqrt(2.0 / fanIn), 0));
            if (d.bias()) {
                p.put("bias", gaussian(rnd, d.units(), BIAS_STD, 0));
            }
        } else if (op instanceof BatchNorm) {
            int c = l.output().dim(1);
            p.put("scale", constant(c, 1));
            p.put("bias", constant(c, 0));
            p.put("mean", constant(c, 0));
            p.put("var", constant(c, 1));
        } else if (op instanceof LayerNorm) {
            int d = l.output().dim(-1);
            p.put("scale", constant(d, 1));
            p.put("bias", constant(d, 0));
        } else if (op instanceof Embedding e) {
            p.put("weight", gaussian(rnd, e.vocab() * e.dim(), 1, 0));
        } else if (op instanceof Eltwise e && e.hasConstant()) {
            int n = Shape.of(e.constantShape()).elements();
            boolean additive = e.kind() == EltwiseKind.ADD || e.kind() == EltwiseKind.SUB;
            float[] c = gaussian(rnd, n, BIAS_STD, 0);
            if (!additive) {
                for (int i = 0; i < n; i++) {
                    c[i] = 1 + Math.abs(c[i]);
                }
            }
            p.put("constant", c);
        }
        return p;
    }

    /**
     * One pass over the graph, all calibration samples at a time: at each conv / dense layer the output's
     * standard deviation is measured and the layer's factor is its inverse (1 when the output is constant); its
     * outputs are scaled by it before later layers read them, as the scaled weights would give.
     */
    private static Map<String, Float> normalizationFactors(Graph graph, ModelWeights weights,
                                                           Map<String, Map<String, float[]>> params,
                                                           CalibrationInputs inputs, Parallel par) {
        LayerKernels kernels = new LayerKernels(weights, ActivationScales.globalScale(graph.size()), par);
        Map<String, Float> factors = new TreeMap<>();
        int samples = inputs.size();
        Map<Integer, FloatTensor[]> live = new HashMap<>();
        int[] pending = new int[graph.size()];
        for (Layer l : graph.layers()) {
            for (int src : l.inputs()) {
                pending[src]++;
            }
        }
        int inputIndex = 0;
        for (Layer l : graph.layers()) {
            FloatTensor[] outs = new FloatTensor[samples];
            if (l.op() instanceof Input) {
                for (int s = 0; s < samples; s++) {
                    outs[s] = new FloatTensor(Shape.of(l.output()), inputs.sample(s)[inputIndex]);
                }
                inputIndex++;
            } else {
                for (int s = 0; s < samples; s++) {
                    List<FloatTensor> ins = new ArrayList<>();
                    for (int src : l.inputs()) {
                        ins.add(live.get(src)[s]);
                    }
                    outs[s] = compute(kernels, l, ins, params, par);
                }
                if (l.op() instanceof Conv2d || l.op() instanceof Dense) {
                    double std = std(outs);
                    float k = std > 1e-12 ? (float) (1 / std) : 1f;
                    factors.put(l.name(), k);
                    if (k != 1f) {
                        for (FloatTensor t : outs) {
                            scale(t.data(), k);
                        }
                    }
                }
                for (int src : l.inputs()) {
                    if (--pending[src] == 0) {
                        live.remove(src);
                    }
                }
            }
            if (pending[l.id()] > 0) {
                live.put(l.id(), outs);
            }
        }
        return factors;
    }

    private static FloatTensor compute(LayerKernels kernels, Layer l, List<FloatTensor> ins,
                                       Map<String, Map<String, float[]>> params, Parallel par) {
        Map<String, float[]> p = params.get(l.name());
        if (l.op() instanceof Conv2d c) {
            return Conv2dKernel.fp32(c, ins.get(0), p.get("weight"), p.get("bias"), par);
        }
        if (l.op() instanceof Dense d) {
            return DenseKernel.fp32(ins.get(0), d.units(), p.get("weight"), p.get("bias"), par);
        }
        return kernels.runFloat(l, ins, dev.hetplace.hw.Precision.FP32);
    }

    private static double std(FloatTensor[] ts) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (FloatTensor t : ts) {
            for (float v : t.data()) {
                sum += v;
                sq += (double) v * v;
            }
            n += t.data().length;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }

    private static void scale(float[] a, float k) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= k;
        }
    }

    private static float[] gaussian(GaussianStream rnd, int n, double std, double mean) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (mean + std * rnd.nextGaussian());
        }
        return a;
    }

    private static float[] constant(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
