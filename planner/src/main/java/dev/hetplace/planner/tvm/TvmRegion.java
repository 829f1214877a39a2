package dev.hetplace.planner.tvm;

import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;

/**
 * The region TVM's {@code graph_pack} packs with its defaults: from after the first {@code nn.max_pool2d}
 * ({@code start_name}) up to, not including, the first {@code nn.global_avg_pool2d} ({@code stop_name}); groups
 * {@code [start, stop)} in topological order. A model without a max pool (MobileNet) has no default start: the
 * region then starts after the stem conv, which is what a user passing {@code start_name="nn.conv2d"} with
 * {@code start_name_idx} would get, and the export says so. Without a global average pool it runs to the end.
 */
public record TvmRegion(int start, int stop, String startName, String stopName, boolean defaultStart) {

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
            if (g.id() >= start && a.op() instanceof GlobalPool gp && gp.kind() == PoolKind.AVG) {
                stop = g.id();
                break;
            }
        }
        return new TvmRegion(start, stop, defaultStart ? "nn.max_pool2d" : "nn.conv2d", "nn.global_avg_pool2d",
                defaultStart);
    }

    public boolean contains(int group) {
        return group >= start && group < stop;
    }

    public boolean afterStop(int group) {
        return group >= stop;
    }
}
