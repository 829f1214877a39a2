package dev.hetplace.planner.tvm.rules;

import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.MatMul;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;

/**
 * The region TVM's VTA flow packs, in groups {@code [start, stop)} of topological order, and where quantization
 * stops. graph_pack's defaults start after the first {@code nn.max_pool2d} and stop at {@code nn.global_avg_pool2d}
 * (vta/python/vta/top/graphpack.py, graph_pack's signature, v0.18.0). A model without a max pool (MobileNet)
 * starts after the stem conv ({@code start_name="nn.conv2d"}); one without a global pool stops at its flatten
 * (VGG: batch_flatten reshapes to 2-D, which the packed layout cannot pass) or the first dense, else runs to the
 * end. Independently, {@code nn.global_avg_pool2d}'s annotate rule calls {@code stop_quantize}
 * (python/tvm/relay/quantize/_annotate.py, global_avg_pool2d_rewrite, v0.19.0): from it on every op, dense
 * layers included, stays fp32 whatever {@code skip_dense_layer} says ({@code quantizeStop}).
 */
public record TvmRegion(int start, int stop, int quantizeStop, boolean defaultStart) {

    public static TvmRegion of(GroupedGraph gg) {
        int start = -1;
        boolean defaultStart = true;
        for (Group g : gg.groups()) {
            if (gg.anchor(g).op() instanceof Pool p && p.kind() == PoolKind.MAX) {
                start = g.id() + 1;
                break;
            }
        }
        if (start < 0) {
            defaultStart = false;
            for (Group g : gg.groups()) {
                if (gg.anchor(g).op() instanceof Conv2d) {
                    start = g.id() + 1;
                    break;
                }
            }
        }
        if (start < 0) {
            start = gg.size();
        }
        int stop = gg.size();
        for (Group g : gg.groups()) {
            Layer a = gg.anchor(g);
            if (g.id() >= start && (a.op() instanceof GlobalPool || a.op() instanceof Flatten
                    || a.op() instanceof Dense || a.op() instanceof MatMul)) {
                stop = g.id();
                break;
            }
        }
        int quantizeStop = gg.size();
        for (Group g : gg.groups()) {
            if (gg.anchor(g).op() instanceof GlobalPool gp && gp.kind() == PoolKind.AVG) {
                quantizeStop = g.id();
                break;
            }
        }
        return new TvmRegion(start, stop, quantizeStop, defaultStart);
    }

    public boolean contains(int group) {
        return group >= start && group < stop;
    }

    /** Whether the group comes after graph_pack's stop (runs unpacked on the CPU). */
    public boolean afterStop(int group) {
        return group >= stop;
    }

    /** Whether the group is at or after the global average pool, from which TVM quantizes nothing. */
    public boolean afterQuantizeStop(int group) {
        return group >= quantizeStop;
    }
}
