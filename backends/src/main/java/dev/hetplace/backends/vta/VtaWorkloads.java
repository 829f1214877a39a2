package dev.hetplace.backends.vta;

import dev.hetplace.backends.vta.VtaEpilogues.Activation;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.ActivationKind;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.op.Op;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a group of the IR asks of VTA: a conv2d (groups = 1) or dense with its fused batch norm / constant bias /
 * constant scale (folded into the weights) and ReLU / ReLU6 / clip, a residual add of two tensors with those
 * activations, or a standalone ReLU / ReLU6 / clip. Everything else (pools, softmax, sigmoid, leaky ReLU, ...)
 * is not VTA's: empty.
 */
public final class VtaWorkloads {
    private VtaWorkloads() {
    }

    /**
     * The workload of {@code group} at {@code batch} (the graph is built at batch 1; its leading dimension is
     * multiplied by {@code batch}). Throws {@link VtaUnsupportedException} for a conv VTA's GEMM cannot run
     * (grouped, depthwise, dilated).
     */
    public static Optional<VtaWorkload> of(GroupedGraph grouped, Group group, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        Graph graph = grouped.graph();
        Layer anchor = graph.layer(group.anchor());
        List<Activation> activations = new ArrayList<>();
        boolean bias = false;
        for (int id : group.layers()) {
            if (id == group.anchor()) {
                continue;
            }
            Op op = graph.layer(id).op();
            if (op instanceof BatchNorm) {
                bias = true;
            } else if (op instanceof Eltwise e && e.hasConstant()) {
                if (e.kind() == EltwiseKind.ADD || e.kind() == EltwiseKind.SUB) {
                    bias = true;
                } else if (!(anchor.op() instanceof Conv2d || anchor.op() instanceof Dense)) {
                    return Optional.empty();
                }
            } else if (op instanceof dev.hetplace.ir.op.Activation a) {
                Optional<Activation> vta = activation(a.kind());
                if (vta.isEmpty()) {
                    return Optional.empty();
                }
                activations.add(vta.get());
            } else {
                return Optional.empty();
            }
        }
        Activation[] acts = activations.toArray(new Activation[0]);
        List<TensorType> ins = graph.inputTypes(anchor);
        if (anchor.op() instanceof Conv2d conv) {
            return Optional.of(conv(group, conv, ins.get(0), batch, bias, acts));
        }
        if (anchor.op() instanceof Dense dense) {
            TensorType in = ins.get(0);
            long rows = (long) batch * in.elements() / in.dim(-1);
            if (rows > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            return Optional.of(new VtaDenseWorkload((int) rows, in.dim(-1), dense.units(), bias || dense.bias(),
                    VtaEpilogues.afterGemm(bias || dense.bias(), acts)));
        }
        if (bias) {
            return Optional.empty();
        }
        if (anchor.op() instanceof Eltwise e && !e.hasConstant() && e.kind() == EltwiseKind.ADD
                && ins.get(0).shape().equals(ins.get(1).shape())) {
            return aluShape(ins.get(0), batch, 2, VtaEpilogues.eltwiseAdd(2, acts));
        }
        if (anchor.op() instanceof dev.hetplace.ir.op.Activation a && activation(a.kind()).isPresent()) {
            List<Activation> all = new ArrayList<>();
            all.add(activation(a.kind()).get());
            all.addAll(activations);
            return aluShape(ins.get(0), batch, 1, VtaEpilogues.activationOnly(all.toArray(new Activation[0])));
        }
        return Optional.empty();
    }

    /**
     * The conv group a residual add group fuses into, as TVM builds it: Relay's FuseOps fuses a conv2d
     * (kOutEWiseFusable) with the element-wise / broadcast ops it is post-dominated by
     * (src/relay/analysis/graph_partitioner.cc, GraphPartitioner::RunFuse, the kOutEWiseFusable branch), and
     * VTA's {@code schedule_conv2d_packed} runs every broadcast op of that fused function on the ALU, DMA-loading
     * each of their tensor inputs into the accumulator buffer at the conv's store point, with exactly one conv
     * per function (vta/python/vta/top/vta_conv2d.py:88-105, 140-148, 163-168 at apache/tvm 39056e2). So: the
     * add (two tensors of one shape, no constant, then only the activations VTA's ALU runs) fuses into the
     * first of its summands, in argument order, that is the output of an ungrouped, undilated conv group read by
     * nothing but this add. Empty when no summand qualifies.
     */
    public static Optional<Group> fusionProducer(GroupedGraph grouped, Group add) {
        return tvmFusionProducer(grouped, add).filter(conv -> of(grouped, add, 1).orElse(null)
                instanceof VtaAluWorkload);
    }

    /**
     * The conv group TVM fuses a residual add group into, whether or not VTA's ALU can run the rest of the group
     * (a batch norm after the add, in pre-activation ResNets, rides along in TVM's fused function):
     * {@link #fusionProducer} without asking for a VTA workload of the add group.
     */
    public static Optional<Group> tvmFusionProducer(GroupedGraph grouped, Group add) {
        Graph graph = grouped.graph();
        Layer anchor = graph.layer(add.anchor());
        if (!(anchor.op() instanceof Eltwise e) || e.kind() != EltwiseKind.ADD || e.hasConstant()
                || anchor.inputs().size() != 2 || anchor.inputs().get(0).equals(anchor.inputs().get(1))
                || add.layers().get(0) != add.anchor() || !add.layers().stream().allMatch(id -> elementwise(graph
                        .layer(id).op()))) {
            return Optional.empty();
        }
        for (int src : anchor.inputs()) {
            if (grouped.isGraphInput(src)) {
                continue;
            }
            Group producer = grouped.group(grouped.groupOf(src));
            if (producer.output() == src && graph.layer(producer.anchor()).op() instanceof Conv2d conv
                    && conv.groups() == 1 && conv.dilationH() == 1 && conv.dilationW() == 1
                    && grouped.consumers(producer.id()).equals(List.of(add.id())) && graph.consumers(src).size() == 1
                    && !grouped.isGraphOutput(producer) && of(grouped, producer, 1).isPresent()) {
                return Optional.of(producer);
            }
        }
        return Optional.empty();
    }

    /**
     * The conv of {@code conv} with the residual add {@code add} fused into its epilogue ({@link #fusionProducer}
     * says which conv), at {@code batch}: the conv's steps, then the add's ADD of the other summand, saturation
     * and activations.
     */
    public static Optional<VtaConvWorkload> fusedConvAdd(GroupedGraph grouped, Group conv, Group add, int batch) {
        if (of(grouped, conv, batch).orElse(null) instanceof VtaConvWorkload c
                && of(grouped, add, batch).orElse(null) instanceof VtaAluWorkload a && a.tensorOperands() == 2) {
            List<VtaAluStep> steps = new ArrayList<>();
            steps.add(VtaAluStep.fusedResidual());
            steps.addAll(a.aluSteps().subList(1, a.aluSteps().size()));
            return Optional.of(c.withMoreAluSteps(steps));
        }
        return Optional.empty();
    }

    private static VtaConvWorkload conv(Group group, Conv2d conv, TensorType in, int batch, boolean fusedBias,
                                        Activation[] acts) {
        if (conv.groups() != 1) {
            throw new VtaUnsupportedException(group.name(), "groups=1",
                    "grouped conv2d (groups=" + conv.groups() + ") has no GEMM mapping on VTA");
        }
        if (conv.dilationH() != 1 || conv.dilationW() != 1) {
            throw new VtaUnsupportedException(group.name(), "dilation=1",
                    "dilated conv2d (dilation " + conv.dilationH() + "x" + conv.dilationW() + ")");
        }
        boolean bias = fusedBias || conv.bias();
        return new VtaConvWorkload(batch * in.dim(0), in.dim(1), in.dim(2), in.dim(3), conv.outChannels(),
                conv.kernelH(), conv.kernelW(), conv.strideH(), conv.strideW(), conv.padding().top(),
                conv.padding().left(), conv.padding().bottom(), conv.padding().right(), bias,
                VtaEpilogues.afterGemm(bias, acts));
    }

    private static boolean elementwise(Op op) {
        return op instanceof Eltwise || op instanceof BatchNorm || op instanceof dev.hetplace.ir.op.Activation;
    }

    private static Optional<VtaWorkload> aluShape(TensorType t, int batch, int operands, List<VtaAluStep> steps) {
        if (t.rank() == 4) {
            return Optional.of(new VtaAluWorkload(batch * t.dim(0), t.dim(1), t.dim(2), t.dim(3), operands, steps));
        }
        if (t.rank() == 2) {
            return Optional.of(new VtaAluWorkload(batch * t.dim(0), t.dim(1), 1, 1, operands, steps));
        }
        return Optional.empty();
    }

    private static Optional<Activation> activation(ActivationKind kind) {
        return switch (kind) {
            case RELU -> Optional.of(Activation.RELU);
            case RELU6, CLIP -> Optional.of(Activation.CLIP);
            default -> Optional.empty();
        };
    }
}
