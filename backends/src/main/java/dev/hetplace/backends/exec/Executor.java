package dev.hetplace.backends.exec;

import dev.hetplace.backends.cpu.FloatRounding;
import dev.hetplace.backends.cpu.FloatTensor;
import dev.hetplace.backends.cpu.Int8Tensor;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.cpu.Shape;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes a grouped graph under an {@link ExecutionPlan}: each group's layers in its precision, converting
 * tensors once per (tensor, precision) where a group of another precision reads them: a float tensor read by
 * an int8 group is quantized with its calibrated scale, an int8 tensor read by a float group dequantized, a
 * float tensor read at a narrower float precision rounded. Graph outputs are returned as floats. Groups placed
 * on a VTA device go to the executor's {@link Int8GroupRunner} first (by default none takes them: the CPU int8
 * kernels, which compute VTA's arithmetic, run them).
 */
public final class Executor {
    private final LayerKernels kernels;
    private final Int8GroupRunner vtaGroups;

    public Executor(ModelWeights weights, ActivationScales scales, Parallel par) {
        this(new LayerKernels(weights, scales, par));
    }

    public Executor(LayerKernels kernels) {
        this(kernels, Int8GroupRunner.CPU_KERNELS);
    }

    public Executor(LayerKernels kernels, Int8GroupRunner vtaGroups) {
        this.kernels = kernels;
        this.vtaGroups = vtaGroups;
    }

    /** This executor with VTA groups offered to {@code runner} (same kernels, weights and scales). */
    public Executor withVtaGroups(Int8GroupRunner runner) {
        return new Executor(kernels, runner);
    }

    public LayerKernels kernels() {
        return kernels;
    }

    /** A tensor as some layer produced it: float in a precision, or int8. */
    private record Value(FloatTensor real, Precision precision, Int8Tensor quantized) {
        static Value of(FloatTensor t, Precision p) {
            return new Value(t, p, null);
        }

        static Value of(Int8Tensor t) {
            return new Value(null, Precision.INT8, t);
        }

        FloatTensor asFloat() {
            return real != null ? real : quantized.dequantize();
        }
    }

    /** Runs every group as {@code plan} says on one sample ({@code inputs[i]} = graph input i). */
    public ExecutionResult run(GroupedGraph grouped, ExecutionPlan plan, float[]... inputs) {
        Graph g = grouped.graph();
        Map<Integer, Value> produced = new HashMap<>();
        Map<Long, Value> converted = new HashMap<>();
        int[] pendingReads = pendingReads(g);
        List<Layer> graphInputs = g.inputs();
        checkInputs(g, inputs);
        for (int i = 0; i < graphInputs.size(); i++) {
            Layer in = graphInputs.get(i);
            produced.put(in.id(), Value.of(new FloatTensor(Shape.of(in.output()), inputs[i]), Precision.FP32));
        }
        List<GroupStats> stats = new ArrayList<>();
        for (Group group : grouped.groups()) {
            Choice choice = plan.choice(group.id());
            Precision p = choice.precision();
            DeviceKind kind = plan.kind(choice.device());
            checkDevice(grouped, group, choice, kind);
            long conversion = 0;
            long compute = 0;
            if (kind == DeviceKind.VTA && vtaGroups != Int8GroupRunner.CPU_KERNELS) {
                long t0 = System.nanoTime();
                Map<Integer, Int8Tensor> ins = new HashMap<>();
                for (int src : group.inputs()) {
                    ins.put(src, fetch(produced, converted, src, p, kernels.scales()).quantized());
                }
                long t1 = System.nanoTime();
                var out = vtaGroups.run(grouped, group, choice, ins, kernels);
                if (out.isPresent()) {
                    produced.put(group.output(), Value.of(out.get()));
                    for (int id : group.layers()) {
                        release(g.layer(id), produced, converted, pendingReads);
                    }
                    float[] range = range(produced.get(group.output()));
                    stats.add(new GroupStats(group.id(), group.name(), choice, range[0], range[1],
                            System.nanoTime() - t1, t1 - t0));
                    continue;
                }
                conversion += t1 - t0;
            }
            for (int id : group.layers()) {
                Layer l = g.layer(id);
                long t0 = System.nanoTime();
                List<Value> ins = new ArrayList<>();
                for (int src : l.inputs()) {
                    ins.add(fetch(produced, converted, src, p, kernels.scales()));
                }
                long t1 = System.nanoTime();
                Value out;
                if (p == Precision.INT8) {
                    out = Value.of(kernels.runInt8(l, ins.stream().map(Value::quantized).toList()));
                } else {
                    out = Value.of(kernels.runFloat(l, ins.stream().map(Value::real).toList(), p), p);
                }
                long t2 = System.nanoTime();
                conversion += t1 - t0;
                compute += t2 - t1;
                produced.put(id, out);
                release(l, produced, converted, pendingReads);
            }
            float[] range = range(produced.get(group.output()));
            stats.add(new GroupStats(group.id(), group.name(), choice, range[0], range[1], compute, conversion));
        }
        List<float[]> outs = new ArrayList<>();
        for (int o : g.outputs()) {
            outs.add(produced.get(o).asFloat().data());
        }
        return new ExecutionResult(outs, stats);
    }

    /** Counts one read of each of {@code l}'s inputs, dropping a tensor (and its conversions) after its last. */
    private static void release(Layer l, Map<Integer, Value> produced, Map<Long, Value> converted,
                                int[] pendingReads) {
        for (int src : l.inputs()) {
            if (--pendingReads[src] == 0) {
                produced.remove(src);
                for (Precision q : Precision.values()) {
                    converted.remove(key(src, q));
                }
            }
        }
    }

    /** Runs the plan on every calibration sample. */
    public List<ExecutionResult> runAll(GroupedGraph grouped, ExecutionPlan plan, CalibrationInputs inputs) {
        List<ExecutionResult> r = new ArrayList<>();
        for (float[][] sample : inputs.samples()) {
            r.add(run(grouped, plan, sample));
        }
        return r;
    }

    /** The fp32 reference: every layer in fp32, graph outputs in order. */
    public List<float[]> runFp32(Graph g, float[]... inputs) {
        List<float[]> outs = new ArrayList<>();
        Map<Integer, FloatTensor> all = forEachFp32Layer(g, inputs, (id, t) -> { });
        for (int o : g.outputs()) {
            outs.add(all.get(o).data());
        }
        return outs;
    }

    /** The fp32 reference with fresh kernels over {@code weights}. */
    public static List<float[]> runFp32(Graph g, ModelWeights weights, Parallel par, float[]... inputs) {
        return new Executor(weights, ActivationScales.globalScale(g.size()), par).runFp32(g, inputs);
    }

    /** Sees every layer's fp32 output as it is computed (graph inputs included). */
    @FunctionalInterface
    public interface LayerObserver {
        void accept(int layerId, FloatTensor output);
    }

    /**
     * Runs the graph in fp32 layer by layer, showing each output to {@code observer}; returns the tensors still
     * live at the end (the graph outputs among them).
     */
    public Map<Integer, FloatTensor> forEachFp32Layer(Graph g, float[][] inputs, LayerObserver observer) {
        checkInputs(g, inputs);
        Map<Integer, FloatTensor> live = new HashMap<>();
        int[] pendingReads = pendingReads(g);
        int next = 0;
        for (Layer l : g.layers()) {
            FloatTensor out;
            if (l.op() instanceof dev.hetplace.ir.op.Input) {
                out = new FloatTensor(Shape.of(l.output()), inputs[next++]);
            } else {
                List<FloatTensor> ins = l.inputs().stream().map(live::get).toList();
                out = kernels.runFloat(l, ins, Precision.FP32);
                for (int src : l.inputs()) {
                    if (--pendingReads[src] == 0) {
                        live.remove(src);
                    }
                }
            }
            observer.accept(l.id(), out);
            live.put(l.id(), out);
        }
        return live;
    }

    /** How many reads of each layer's output remain; graph outputs are read once more, at the end. */
    private static int[] pendingReads(Graph g) {
        int[] n = new int[g.size()];
        for (Layer l : g.layers()) {
            for (int src : l.inputs()) {
                n[src]++;
            }
        }
        for (int o : g.outputs()) {
            n[o]++;
        }
        return n;
    }

    private static long key(int layer, Precision p) {
        return (long) layer * 16 + p.ordinal();
    }

    private static Value fetch(Map<Integer, Value> produced, Map<Long, Value> converted, int src, Precision p,
                               ActivationScales scales) {
        Value v = produced.get(src);
        if (v.precision() == p) {
            return v;
        }
        return converted.computeIfAbsent(key(src, p), k -> {
            if (p == Precision.INT8) {
                return Value.of(Int8Tensor.quantize(v.real(), scales.log2(src)));
            }
            FloatTensor f = v.asFloat();
            float[] r = v.real() != null ? f.data().clone() : f.data();
            FloatRounding.roundInPlace(p, r);
            return Value.of(new FloatTensor(f.shape(), r), p);
        });
    }

    private static float[] range(Value v) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        if (v.real() != null) {
            for (float x : v.real().data()) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        } else {
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (byte b : v.quantized().data()) {
                lo = Math.min(lo, b);
                hi = Math.max(hi, b);
            }
            float s = dev.hetplace.backends.quant.Requantize.scale(v.quantized().scaleLog2());
            min = lo * s;
            max = hi * s;
        }
        return new float[] {min, max};
    }

    private static void checkDevice(GroupedGraph gg, Group group, Choice choice, DeviceKind kind) {
        if (kind == DeviceKind.VTA && choice.precision() != Precision.INT8) {
            throw new IllegalArgumentException("group " + group.ref() + " ('" + group.name() + "') is placed on "
                    + choice.device() + " (a VTA) at " + choice.precision().id() + ", but VTA computes only int8");
        }
    }

    private static void checkInputs(Graph g, float[][] inputs) {
        List<Layer> ins = g.inputs();
        if (inputs.length != ins.size()) {
            throw new IllegalArgumentException("graph '" + g.name() + "' has " + ins.size() + " input(s), got "
                    + inputs.length);
        }
        for (int i = 0; i < ins.size(); i++) {
            long want = ins.get(i).output().elements();
            if (inputs[i].length != want) {
                throw new IllegalArgumentException("input '" + ins.get(i).name() + "' needs " + want + " values ("
                        + ins.get(i).output().shapeString() + "), got " + inputs[i].length);
            }
        }
    }
}
