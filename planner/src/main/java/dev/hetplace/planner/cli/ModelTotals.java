package dev.hetplace.planner.cli;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import java.util.Locale;

/**
 * A model's size at a glance: layers (graph inputs included), groups, parameters, all MACs and the MACs of its
 * conv and dense layers (the figure papers and torchvision publish).
 */
record ModelTotals(int layers, int groups, long params, long macs, long convDenseMacs) {

    static ModelTotals of(GroupedGraph gg) {
        Graph g = gg.graph();
        long convDense = 0;
        for (Layer l : g.layers()) {
            if (l.op() instanceof Conv2d || l.op() instanceof Dense) {
                convDense += g.macs(l);
            }
        }
        return new ModelTotals(g.size(), gg.size(), g.totalParams(), g.totalMacs(), convDense);
    }

    /** Billions of MACs with three decimals, or more digits for models below 10 MMACs. */
    String gigaMacs() {
        double giga = macs / 1e9;
        return String.format(Locale.ROOT, giga >= 0.01 || macs == 0 ? "%.3f" : "%.6f", giga);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
