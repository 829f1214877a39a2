package dev.hetplace.cost;

import dev.hetplace.backends.measure.CpuLayerTimer;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.PassShape;
import dev.hetplace.cost.calibration.KernelShape;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.MatMul;
import dev.hetplace.ir.op.Op;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one group asks of a device, at the graph's batch (1): its anchor op and class, the GEMM shape of a conv,
 * dense or matmul anchor, the elements the anchor reads, writes and holds as weights, and the layers fused into
 * it (each with the elements it touches). Cost models scale by the requested batch.
 */
public record GroupWork(Layer anchor, OpClass opClass, KernelShape kernel, long macs, long inputElements,
                        long outputElements, long weightElements, List<FusedLayer> fused) {

    /** A layer fused into the anchor: its op and the elements of its output. */
    public record FusedLayer(Op op, long elements) {
    }

    public GroupWork {
        fused = List.copyOf(fused);
    }

    public static GroupWork of(GroupedGraph graph, Group group) {
        Graph g = graph.graph();
        Layer anchor = graph.anchor(group);
        List<TensorType> ins = g.inputTypes(anchor);
        int channels = !ins.isEmpty() && ins.get(0).rank() >= 2 ? ins.get(0).dim(1) : 1;
        long in = 0;
        for (TensorType t : ins) {
            in += t.elements();
        }
        List<FusedLayer> fused = new ArrayList<>();
        for (int id : group.layers()) {
            if (id != anchor.id()) {
                Layer l = g.layer(id);
                fused.add(new FusedLayer(l.op(), l.output().elements()));
            }
        }
        return new GroupWork(anchor, OpClass.of(anchor.op(), channels), kernelOf(anchor.op(), ins, anchor.output()),
                g.macs(anchor), in, anchor.output().elements(), g.params(anchor), fused);
    }

    /** The GEMM-like shape of a conv2d, dense or matmul; null for other ops. */
    static KernelShape kernelOf(Op op, List<TensorType> ins, TensorType out) {
        if (op instanceof Conv2d c) {
            TensorType x = ins.get(0);
            boolean regular = c.padding().symmetric() && c.padding().top() == c.padding().left()
                    && c.strideH() == c.strideW() && c.dilationH() == 1 && c.dilationW() == 1;
            // an irregular conv gets pad -1, which no measured row has, so it is never looked up
            int pad = regular ? c.padding().top() : -1;
            return new KernelShape(KernelShape.CONV2D, x.dim(0), x.dim(1), x.dim(2), x.dim(3), c.outChannels(),
                    c.kernelH(), c.kernelW(), c.strideH(), pad, c.groups(), out.dim(2), out.dim(3));
        }
        if (op instanceof Dense d) {
            int k = ins.get(0).dim(-1);
            return KernelShape.dense((int) (ins.get(0).elements() / k), k, d.units());
        }
        if (op instanceof MatMul m) {
            TensorType a = ins.get(0);
            int k = m.transA() ? a.dim(-2) : a.dim(-1);
            int n = out.dim(-1);
            return new KernelShape("matmul", (int) (out.elements() / n), k, 1, 1, n, 1, 1, 1, 0, 1, 1, 1);
        }
        return null;
    }

    /**
     * The shape a pass row ({@link PassShape}) measures this group by, when its anchor is no GEMM: its op class, the
     * elements it reads and writes (at the graph's batch, 1 for every model the tables measure), a pool's window;
     * empty for a GEMM, a view, an opaque op, or elements no row can hold. The key has no op kind: a max and an
     * average pool of one window and size, or an add and a multiply of one size, share a row.
     */
    public Optional<LayerShape> passShape() {
        String op = opClass.name().toLowerCase(Locale.ROOT);
        if (!PassShape.isPass(op) || !PassShape.holds(inputElements, outputElements)) {
            return Optional.empty();
        }
        if (anchor.op() instanceof Pool pool) {
            return Optional.of(PassShape.of(op, inputElements, outputElements, pool.kernelH(), pool.kernelW(),
                    pool.strideH(), pool.padding().top()));
        }
        return Optional.of(PassShape.of(op, inputElements, outputElements, 1, 1, 1, 0));
    }

    /**
     * The shape an {@code edge_int8} / {@code edge_fp32} row measures group {@code g} by: its conv2d / dense shape
     * (batch 1), else its {@link #passShape}; empty for a view or an opaque op.
     */
    public static Optional<LayerShape> edgeShape(GroupedGraph graph, Group g) {
        Layer anchor = graph.anchor(g);
        Optional<LayerShape> kernel = CpuLayerTimer.shapeOf(graph.graph(), anchor);
        if (kernel.isPresent()) {
            return CpuLayerTimer.batchOf(graph.graph(), anchor) == 1 ? kernel : Optional.empty();
        }
        return of(graph, g).passShape();
    }

    /** The anchor alone, as one kernel. */
    public GroupWork withoutFused() {
        return new GroupWork(anchor, opClass, kernel, macs, inputElements, outputElements, weightElements, List.of());
    }

    /** True when every fused layer has an int8 kernel too. */
    public boolean fusedInt8() {
        return fused.stream().allMatch(f -> OpClass.hasInt8Kernel(f.op()));
    }
}
