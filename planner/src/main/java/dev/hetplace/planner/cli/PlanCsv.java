package dev.hetplace.planner.cli;

import dev.hetplace.cost.Option;
import dev.hetplace.ir.Group;
import dev.hetplace.planner.explain.CrossingAttribution;
import dev.hetplace.planner.run.PlacementResult;
import java.io.PrintWriter;

/** The plan as CSV, one row per group (units in the column names). */
final class PlanCsv {
    private PlanCsv() {
    }

    static void print(PlacementResult r, PrintWriter out) {
        var t = r.problem().table();
        long[] crossing = CrossingAttribution.perGroup(t, r.plan().choice());
        out.println("index,group,op,output_shape,device,precision,layout,time_ns,crossing_ns,noise_ppb,source");
        for (Group g : t.graph().groups()) {
            Option o = r.problem().option(g.id(), r.plan().choice()[g.id()]);
            out.println(g.id() + "," + csv(g.name()) + "," + t.graph().anchor(g).opName() + ","
                    + t.graph().outputType(g).shapeString() + "," + o.choice().device() + ","
                    + o.choice().precision().id() + "," + o.choice().layout().id() + "," + o.cost().timeNs() + ","
                    + crossing[g.id()] + "," + o.noisePpb() + "," + o.cost().source());
        }
    }

    static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
