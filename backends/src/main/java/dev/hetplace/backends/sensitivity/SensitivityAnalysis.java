package dev.hetplace.backends.sensitivity;

import dev.hetplace.backends.cpu.FloatRounding;
import dev.hetplace.backends.cpu.FloatTensor;
import dev.hetplace.backends.cpu.Int8Tensor;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.Executor;
import dev.hetplace.backends.exec.LayerKernels;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Input;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures every group's sensitivity to lower precision on the calibration inputs. Each input runs once in fp32,
 * keeping every layer's output; then, for each group and precision, only that group runs lowered (its inputs
 * converted from the fp32 tensors exactly as the {@link Executor} converts them at a precision boundary) and only
 * the layers its result reaches are recomputed in fp32. The noise is the power of the difference at the graph
 * outputs, summed over inputs, relative to the fp32 outputs' power. The figures equal those of executing a plan
 * that lowers that group alone.
 */
public final class SensitivityAnalysis {
    /** A sensitivity beyond this (a group that destroys the output) is reported as this. */
    static final long MAX_PPB = 1_000_000_000_000L;

    private final CalibratedModel model;
    private final Parallel par;
    private final LayerKernels kernels;

    public SensitivityAnalysis(CalibratedModel model, Parallel par) {
        this.model = model;
        this.par = par;
        this.kernels = model.executor(par).kernels();
    }

    /** Every group's noise at each of {@code precisions} (fp32 is skipped: it adds none). */
    public Sensitivities measure(List<Precision> precisions, SensitivityProgress progress) {
        List<Precision> lowered = precisions.stream().filter(p -> p != Precision.FP32).distinct().toList();
        long t0 = System.nanoTime();
        Graph graph = model.graph();
        int samples = model.inputs().size();
        int groups = model.grouped().size();
        progress.started(groups, lowered, samples);
        FloatTensor[][] reference = new FloatTensor[samples][];
        par.forEach(samples, s -> reference[s] = fp32Outputs(graph, model.inputs().sample(s)));
        double signal = 0;
        for (FloatTensor[] ref : reference) {
            for (int o : graph.outputs()) {
                for (float v : ref[o].data()) {
                    signal += (double) v * v;
                }
            }
        }
        return eachGroup(model, lowered, signal, (g, p) -> {
            double[] noise = new double[samples];
            par.forEach(samples, s -> noise[s] = outputNoise(graph, g, p, reference[s]));
            double total = 0;
            for (double n : noise) {
                total += n;
            }
            return total;
        }, progress, t0, model.describe());
    }

    /** The noise power at the outputs, summed over inputs, when only group {@code g} runs at {@code p}. */
    @FunctionalInterface
    public interface GroupNoise {
        double of(Group g, Precision p);
    }

    /**
     * The loop every way of measuring runs: each group at each lowered precision, its noise relative to
     * {@code signal} (the fp32 outputs' power), reported to {@code progress} group by group since {@code t0}.
     */
    public static Sensitivities eachGroup(CalibratedModel model, List<Precision> lowered, double signal,
                                          GroupNoise noise, SensitivityProgress progress, long t0, String describe) {
        int groups = model.grouped().size();
        Map<Precision, long[]> result = new EnumMap<>(Precision.class);
        for (Precision p : lowered) {
            result.put(p, new long[groups]);
        }
        for (Group g : model.grouped().groups()) {
            Map<Precision, Long> row = new EnumMap<>(Precision.class);
            for (Precision p : lowered) {
                long ppb = ppb(noise.of(g, p), signal);
                result.get(p)[g.id()] = ppb;
                row.put(p, ppb);
            }
            progress.group(g.id() + 1, groups, g, row, System.nanoTime() - t0);
        }
        progress.finished(System.nanoTime() - t0);
        return new Sensitivities(result, describe);
    }

    /** Noise over signal power in parts per billion, capped at {@value #MAX_PPB}. */
    public static long ppb(double noise, double signal) {
        if (noise == 0) {
            return 0;
        }
        double v = noise / signal * 1e9;
        return !(v < MAX_PPB) ? MAX_PPB : Math.round(v);
    }

    private FloatTensor[] fp32Outputs(Graph graph, float[][] sample) {
        FloatTensor[] out = new FloatTensor[graph.size()];
        new Executor(kernels).forEachFp32Layer(graph, sample, (id, t) -> out[id] = t);
        return out;
    }

    /** Squared difference at the graph outputs when only {@code g} runs at {@code p} on one input. */
    private double outputNoise(Graph graph, Group g, Precision p, FloatTensor[] ref) {
        Map<Integer, FloatTensor> changed = p == Precision.INT8 ? lowerInt8(graph, g, ref) : lowerFloat(graph, g, p, ref);
        int first = g.layers().stream().mapToInt(Integer::intValue).min().orElseThrow();
        for (int id = first + 1; id < graph.size(); id++) {
            Layer l = graph.layer(id);
            if (g.layers().contains(id) || l.op() instanceof Input) {
                continue;
            }
            boolean reached = false;
            for (int src : l.inputs()) {
                reached |= changed.containsKey(src);
            }
            if (reached) {
                List<FloatTensor> ins = new ArrayList<>();
                for (int src : l.inputs()) {
                    ins.add(changed.getOrDefault(src, ref[src]));
                }
                changed.put(id, kernels.runFloat(l, ins, Precision.FP32));
            }
        }
        double noise = 0;
        for (int o : graph.outputs()) {
            FloatTensor y = changed.get(o);
            if (y == null) {
                continue;
            }
            float[] r = ref[o].data();
            float[] t = y.data();
            for (int i = 0; i < r.length; i++) {
                double d = (double) r[i] - t[i];
                noise += d * d;
            }
        }
        return noise;
    }

    /** The group in int8: inputs quantized at their calibrated scales; every layer's result dequantized. */
    private Map<Integer, FloatTensor> lowerInt8(Graph graph, Group g, FloatTensor[] ref) {
        Map<Integer, Int8Tensor> q = new HashMap<>();
        for (int id : g.layers()) {
            Layer l = graph.layer(id);
            List<Int8Tensor> ins = new ArrayList<>();
            for (int src : l.inputs()) {
                Int8Tensor t = q.get(src);
                ins.add(t != null ? t : Int8Tensor.quantize(ref[src], kernels.scales().log2(src)));
            }
            q.put(id, kernels.runInt8(l, ins));
        }
        Map<Integer, FloatTensor> out = new HashMap<>();
        for (int id : g.layers()) {
            if (readOutside(graph, g, id)) {
                out.put(id, q.get(id).dequantize());
            }
        }
        return out;
    }

    private static boolean readOutside(Graph graph, Group g, int id) {
        if (graph.outputs().contains(id)) {
            return true;
        }
        for (int c : graph.consumers(id)) {
            if (!g.layers().contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** The group in a narrower float format: inputs rounded to it, layers computed in it. */
    private Map<Integer, FloatTensor> lowerFloat(Graph graph, Group g, Precision p, FloatTensor[] ref) {
        Map<Integer, FloatTensor> r = new HashMap<>();
        for (int id : g.layers()) {
            Layer l = graph.layer(id);
            List<FloatTensor> ins = new ArrayList<>();
            for (int src : l.inputs()) {
                FloatTensor t = r.get(src);
                if (t == null) {
                    float[] x = ref[src].data().clone();
                    FloatRounding.roundInPlace(p, x);
                    t = new FloatTensor(ref[src].shape(), x);
                }
                ins.add(t);
            }
            r.put(id, kernels.runFloat(l, ins, p));
        }
        return r;
    }
}
