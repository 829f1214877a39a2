package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.op.Reshape;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * ReduceMean / ReduceMax over the spatial axes of an NCHW tensor become global pooling (followed by a reshape
 * when keepdims is 0, as torch exports {@code x.mean([2, 3])}); every other reduction is an opaque layer of the
 * shape ONNX gives it. Axes come from the attribute (ReduceMean before opset 18, ReduceSum before 13) or from
 * the constant second input.
 */
final class ReduceNodes {
    static final Set<String> OPS = Set.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd",
            "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare");

    private final ImportContext ctx;

    ReduceNodes(ImportContext ctx) {
        this.ctx = ctx;
    }

    void reduce(NodeProto node, NodeAttributes at) {
        int x = ctx.requireActivation(node, 0);
        TensorType in = ctx.type(x);
        boolean keep = at.integer("keepdims", 1) != 0;
        Set<Integer> axes = axes(node, at, in.rank());
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < in.rank(); i++) {
            if (!axes.contains(i)) {
                out.add(in.dim(i));
            } else if (keep) {
                out.add(1);
            }
        }
        PoolKind pool = switch (node.getOpType()) {
            case "ReduceMean" -> PoolKind.AVG;
            case "ReduceMax" -> PoolKind.MAX;
            default -> null;
        };
        if (pool == null || in.rank() != 4 || !axes.equals(Set.of(2, 3))) {
            throw new ImportContext.Unsupported("reducing axes " + axes + " of " + in.shape() + " is not modelled",
                    in.withShape(out));
        }
        if (keep) {
            ctx.emitFor(node, new GlobalPool(pool), List.of(x));
            return;
        }
        int pooled = ctx.emit(node, ImportContext.baseName(node) + "/pool", new GlobalPool(pool), List.of(x));
        ctx.emitFor(node, new Reshape(out), List.of(pooled));
    }

    /** The reduced axes, normalised to [0, rank); all of them when none are given (unless noop_with_empty_axes). */
    private Set<Integer> axes(NodeProto node, NodeAttributes at, int rank) {
        List<Long> given = ConstantNodes.axes(ctx, node, at);
        Set<Integer> axes = new TreeSet<>();
        if (given.isEmpty()) {
            if (at.integer("noop_with_empty_axes", 0) == 0) {
                for (int i = 0; i < rank; i++) {
                    axes.add(i);
                }
            }
            return axes;
        }
        for (long a : given) {
            if (a < -rank || a >= rank) {
                throw new IllegalStateException("axis " + a + " is out of range for rank " + rank);
            }
            if (!axes.add((int) (a < 0 ? a + rank : a))) {
                throw new IllegalStateException("axis " + a + " is given twice");
            }
        }
        return axes;
    }
}
