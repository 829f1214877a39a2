package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.cpu.ActivationKernel;
import dev.hetplace.backends.cpu.Int8Tensor;
import dev.hetplace.backends.cpu.Shape;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.Int8GroupRunner;
import dev.hetplace.backends.exec.LayerKernels;
import dev.hetplace.backends.quant.QuantParams;
import dev.hetplace.backends.quant.Requantize;
import dev.hetplace.backends.vta.VtaConvWorkload;
import dev.hetplace.backends.vta.VtaDenseWorkload;
import dev.hetplace.backends.vta.VtaUnsupportedException;
import dev.hetplace.backends.vta.VtaWorkload;
import dev.hetplace.backends.vta.VtaWorkloads;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.VtaConfig;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.ActivationKind;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Eltwise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the executor's VTA groups on the VTA simulator: each group is lowered with its device's {@link VtaConfig}
 * and the immediates of the CPU int8 path (the requantization shift from the input, weight and output scales; the
 * clip bounds as the int8 kernel rounds them), executed functionally on the quantized weights and bias the CPU
 * kernels use, and timed once. The result equals the CPU int8 kernels bit for bit where the group's arithmetic is
 * VTA's: a conv / dense with its own bias and ReLU / ReLU6 / clip, a residual add, a standalone activation, every
 * layer of the group at one activation scale. A group outside that (a batch norm or constant the CPU computes in
 * float, layers at different scales, two different clips, a device without a VTA configuration, a group VTA
 * refuses) is declined, with the reason, and runs on the CPU int8 kernels. Counts per (device, group id).
 *
 * <p>A residual add that TVM fuses into the conv before it ({@link VtaWorkloads#fusionProducer}), with that conv
 * simulated on the same device, runs as TVM builds it: the conv again with the add in its epilogue (the add's
 * other summand DMA-loaded into the accumulators), and the add's cycles are what fusing it adds to the conv's, the
 * difference the cost model prices it at.
 */
public final class VtaGroupRunner implements Int8GroupRunner {
    private final Map<String, VtaConfig> configs;
    private final VtaSimulator simulator;
    private final Map<String, VtaProgram> programs = new ConcurrentHashMap<>();
    private final Map<String, Long> cycles = new ConcurrentHashMap<>();
    private final Map<String, String> declined = new ConcurrentHashMap<>();
    private final Set<String> fused = ConcurrentHashMap.newKeySet();
    /** Each simulated conv's operands, by its output array (identity), for a residual add fused into it. */
    private final Map<byte[], ConvRun> convRuns = Collections.synchronizedMap(new WeakHashMap<>());

    /** A conv group as the simulator ran it: what its fused residual add runs it again with. */
    private record ConvRun(String device, int group, byte[] input, LayerKernels.QuantizedWeight weight, int shift,
                           int[] clip, long cycles) {
    }

    /**
     * What a plan's VTA groups did: simulated groups (of them, residual adds fused into their conv) and their
     * cycles (one input), groups declined and why.
     */
    public record Summary(int simulated, int fused, long cycles, Map<String, String> declined) {
        public Summary {
            declined = java.util.Collections.unmodifiableMap(new TreeMap<>(declined));
        }
    }

    /** {@code configs}: the VTA configuration of each VTA device id. */
    public VtaGroupRunner(Map<String, VtaConfig> configs) {
        this(configs, new VtaSimulator());
    }

    public VtaGroupRunner(Map<String, VtaConfig> configs, VtaSimulator simulator) {
        this.configs = Map.copyOf(configs);
        this.simulator = simulator;
    }

    /** The groups of {@code plan} on VTA devices that this runner has executed or declined. */
    public Summary summary(ExecutionPlan plan) {
        int n = 0;
        int f = 0;
        long total = 0;
        Map<String, String> no = new TreeMap<>();
        for (Map.Entry<Integer, Choice> e : plan.choices().entrySet()) {
            if (plan.kind(e.getValue().device()) != DeviceKind.VTA) {
                continue;
            }
            String key = key(e.getValue().device(), e.getKey());
            Long c = cycles.get(key);
            if (c != null) {
                n++;
                total += c;
                f += fused.contains(key) ? 1 : 0;
            } else if (declined.containsKey(key)) {
                no.put("g" + e.getKey(), declined.get(key));
            }
        }
        return new Summary(n, f, total, no);
    }

    @Override
    public Optional<Int8Tensor> run(GroupedGraph grouped, Group group, Choice choice, Map<Integer, Int8Tensor> inputs,
                                    LayerKernels kernels) {
        String key = key(choice.device(), group.id());
        VtaConfig config = configs.get(choice.device());
        if (config == null) {
            return decline(key, "device " + choice.device() + " has no VTA configuration");
        }
        Graph g = grouped.graph();
        Layer anchor = g.layer(group.anchor());
        Optional<VtaWorkload> workload;
        try {
            workload = VtaWorkloads.of(grouped, group, 1);
        } catch (VtaUnsupportedException e) {
            return decline(key, e.getMessage());
        }
        if (workload.isEmpty()) {
            return decline(key, "VTA has no kernel for " + anchor.op().name());
        }
        Optional<String> why = notVtaArithmetic(g, group, inputs, kernels);
        if (why.isPresent()) {
            return decline(key, why.get());
        }
        int outLog2 = kernels.scales().log2(group.output());
        int[] clip = clipBounds(g, group, outLog2);
        Optional<Int8Tensor> asFused = runFused(grouped, group, choice, config, inputs, clip);
        if (asFused.isPresent()) {
            return asFused;
        }
        VtaProgram p;
        VtaExecution run;
        Int8Tensor in = null;
        LayerKernels.QuantizedWeight w = null;
        int shift = 0;
        try {
            if (anchor.op() instanceof Conv2d || anchor.op() instanceof Dense) {
                in = inputs.get(anchor.inputs().get(0));
                w = kernels.quantizedWeight(anchor, in.scaleLog2());
                shift = new QuantParams(in.scaleLog2(), w.weightLog2(), outLog2).shift();
                p = program(grouped, group, config, new VtaAluImmediates(shift, clip[0], clip[1]));
                run = p.plan().workload() instanceof VtaConvWorkload
                        ? VtaExecution.conv(p, in.data(), w.weight(), w.bias())
                        : VtaExecution.dense(p, in.data(), w.weight(), w.bias());
            } else {
                List<byte[]> operands = new ArrayList<>();
                for (int src : anchor.inputs()) {
                    operands.add(inputs.get(src).data());
                }
                p = program(grouped, group, config, new VtaAluImmediates(0, clip[0], clip[1]));
                run = VtaExecution.alu(p, operands);
            }
        } catch (VtaUnsupportedException e) {
            return decline(key, e.getMessage());
        }
        VtaProgram timed = p;
        long c = cycles.computeIfAbsent(key, k -> simulator.time(timed).cycles());
        if (anchor.op() instanceof Conv2d) {
            convRuns.put(run.output(), new ConvRun(choice.device(), group.id(), in.data(), w, shift, clip, c));
        }
        return Optional.of(new Int8Tensor(Shape.of(g.layer(group.output()).output()), run.output(), outLog2));
    }

    /**
     * {@code add} run fused into the conv TVM fuses it into, when that conv ran on this runner on the same device:
     * the conv's program with the add in its epilogue, on the conv's input and the add's other summand. Empty
     * where the add does not fuse, its conv was not simulated here, or the two groups clip to different ranges.
     */
    private Optional<Int8Tensor> runFused(GroupedGraph grouped, Group add, Choice choice, VtaConfig config,
                                          Map<Integer, Int8Tensor> inputs, int[] addClip) {
        Optional<Group> conv = VtaWorkloads.fusionProducer(grouped, add);
        if (conv.isEmpty() || !inputs.containsKey(conv.get().output())) {
            return Optional.empty();
        }
        Int8Tensor convOut = inputs.get(conv.get().output());
        ConvRun ran = convRuns.get(convOut.data());
        Optional<VtaConvWorkload> w = VtaWorkloads.fusedConvAdd(grouped, conv.get(), add, 1);
        int[] full = {Requantize.INT8_MIN, Requantize.INT8_MAX};
        boolean convClips = !Arrays.equals(ran == null ? full : ran.clip(), full);
        boolean addClips = !Arrays.equals(addClip, full);
        if (ran == null || !ran.device().equals(choice.device()) || ran.group() != conv.get().id() || w.isEmpty()
                || convClips && addClips && !Arrays.equals(ran.clip(), addClip)) {
            return Optional.empty();
        }
        int[] clip = convClips ? ran.clip() : addClip;
        byte[] residual = null;
        for (int src : grouped.graph().layer(add.anchor()).inputs()) {
            if (src != conv.get().output()) {
                residual = inputs.get(src).data();
            }
        }
        VtaAluImmediates imm = new VtaAluImmediates(ran.shift(), clip[0], clip[1]);
        VtaProgram p = programs.computeIfAbsent(config + "/g" + add.id() + "/fused/" + imm,
                x -> simulator.lower(add.name(), w.get(), config, imm));
        VtaExecution run = VtaExecution.conv(p, ran.input(), ran.weight().weight(), ran.weight().bias(), residual);
        String key = key(choice.device(), add.id());
        cycles.computeIfAbsent(key, k -> Math.max(0, simulator.time(p).cycles() - ran.cycles()));
        fused.add(key);
        return Optional.of(new Int8Tensor(Shape.of(grouped.graph().layer(add.output()).output()), run.output(),
                convOut.scaleLog2()));
    }

    /** The group lowered with {@code imm}, once per (configuration, group, immediates). */
    private VtaProgram program(GroupedGraph grouped, Group group, VtaConfig config, VtaAluImmediates imm) {
        return programs.computeIfAbsent(config + "/g" + group.id() + "/" + imm,
                x -> simulator.lower(grouped, group, config, 1, imm));
    }

    /**
     * Why the CPU int8 kernels would compute {@code group} differently from VTA's fused arithmetic, or empty: the
     * anchor must come first, every later layer be a ReLU / ReLU6 / clip of the previous one, every layer (and a
     * residual add's or a standalone activation's inputs) at the group's output scale, at most one clip range.
     */
    private static Optional<String> notVtaArithmetic(Graph g, Group group, Map<Integer, Int8Tensor> inputs,
                                                     LayerKernels kernels) {
        int outLog2 = kernels.scales().log2(group.output());
        List<Integer> layers = group.layers();
        if (layers.get(0) != group.anchor()) {
            return Optional.of("the anchor is not the group's first layer");
        }
        Layer anchor = g.layer(group.anchor());
        boolean gemm = anchor.op() instanceof Conv2d || anchor.op() instanceof Dense;
        if (!gemm) {
            if (anchor.op() instanceof Eltwise e && e.hasConstant()) {
                return Optional.of("a constant operand is computed in float on the CPU");
            }
            for (int src : anchor.inputs()) {
                if (inputs.get(src).scaleLog2() != outLog2) {
                    return Optional.of("input " + g.layer(src).name() + " is at scale 2^" + inputs.get(src)
                            .scaleLog2() + ", the output at 2^" + outLog2 + " (VTA's ALU adds without rescaling)");
                }
            }
        }
        int previous = group.anchor();
        for (int id : layers) {
            Layer l = g.layer(id);
            if (kernels.scales().log2(id) != outLog2) {
                return Optional.of("layer " + l.name() + " is at scale 2^" + kernels.scales().log2(id)
                        + ", the group's output at 2^" + outLog2);
            }
            if (id == group.anchor()) {
                continue;
            }
            if (!(l.op() instanceof Activation a && isClamp(a.kind()))
                    || l.inputs().size() != 1 || l.inputs().get(0) != previous) {
                return Optional.of("layer " + l.name() + " (" + l.opName() + ") is not a ReLU / ReLU6 / clip of the"
                        + " layer before it; the CPU computes it apart from VTA's epilogue");
            }
            previous = id;
        }
        List<int[]> clips = new ArrayList<>();
        for (int id : layers) {
            if (g.layer(id).op() instanceof Activation a && a.kind() != ActivationKind.RELU && isClamp(a.kind())) {
                int[] b = {ActivationKernel.bound(a.min(), outLog2), ActivationKernel.bound(a.max(), outLog2)};
                if (clips.stream().noneMatch(c -> c[0] == b[0] && c[1] == b[1])) {
                    clips.add(b);
                }
                if (b[0] > b[1]) {
                    return Optional.of("layer " + g.layer(id).name() + " clips to an empty int8 range");
                }
            }
        }
        if (clips.size() > 1) {
            return Optional.of("two different clip ranges; VTA's immediates hold one");
        }
        return Optional.empty();
    }

    /** The group's one int8 clip range, or the whole int8 range when it has none. */
    private static int[] clipBounds(Graph g, Group group, int log2) {
        for (int id : group.layers()) {
            if (g.layer(id).op() instanceof Activation a && a.kind() != ActivationKind.RELU) {
                return new int[] {ActivationKernel.bound(a.min(), log2), ActivationKernel.bound(a.max(), log2)};
            }
        }
        return new int[] {Requantize.INT8_MIN, Requantize.INT8_MAX};
    }

    private static boolean isClamp(ActivationKind k) {
        return k == ActivationKind.RELU || k == ActivationKind.RELU6 || k == ActivationKind.CLIP;
    }

    private Optional<Int8Tensor> decline(String key, String why) {
        declined.put(key, why);
        return Optional.empty();
    }

    private static String key(String device, int group) {
        return device + "/g" + group;
    }
}
