package dev.hetplace.planner.report;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.Option;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.planner.explain.CrossingAttribution;
import dev.hetplace.planner.run.PlacementResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan as a latency timeline: groups run one after another in topological order (devices take turns, as
 * the latency objective assumes); before each group the crossings charged to it (transfers, casts, layout
 * changes of its inputs) occupy the crossings row. One row per device plus that row.
 */
public final class Timeline {
    private Timeline() {
    }

    public static List<TimelineBar> bars(PlacementResult r) {
        CostTable t = r.problem().table();
        long[] crossing = CrossingAttribution.perGroup(t, r.plan().choice());
        List<TimelineBar> bars = new ArrayList<>();
        long now = 0;
        for (Group g : t.graph().groups()) {
            Option o = r.problem().option(g.id(), r.plan().choice()[g.id()]);
            if (crossing[g.id()] > 0) {
                bars.add(new TimelineBar("crossings", now, now + crossing[g.id()], "to " + g.name(), "#999999"));
                now += crossing[g.id()];
            }
            long end = now + o.cost().timeNs();
            bars.add(new TimelineBar(o.choice().device(), now, end, g.name() + " " + o.choice().precision().id(),
                    color(o.choice().precision())));
            now = end;
        }
        return bars;
    }

    static String color(Precision p) {
        return switch (p) {
            case FP32 -> "#4477aa";
            case TF32 -> "#66ccee";
            case FP16 -> "#228833";
            case BF16 -> "#ccbb44";
            case INT8 -> "#ee6677";
        };
    }
}
