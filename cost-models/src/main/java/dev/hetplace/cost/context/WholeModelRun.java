package dev.hetplace.cost.context;

import dev.hetplace.backends.measure.EndToEndMeasurement;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.Grouping;
import java.util.function.IntFunction;

/**
 * The plan a whole-model row measured: the model as the framework ran it (batch norms unfolded, grouped as the
 * planner groups), every group at the row's precision, or int8 with the first conv's group in fp32, or int8 with
 * the first conv's group and every dense group in fp32 (TVM's rule on a CPU).
 */
public record WholeModelRun(EndToEndMeasurement row, GroupedGraph graph, IntFunction<Precision> plan) {

    public static WholeModelRun of(EndToEndMeasurement row, Graph model) {
        GroupedGraph g = Grouping.apply(model);
        return new WholeModelRun(row, g, plan(row, g));
    }

    /** The precision of every group of {@code g} in the plan {@code row} measured (its precision column). */
    public static IntFunction<Precision> plan(EndToEndMeasurement row, GroupedGraph g) {
        EndToEndRowCheck.precisions(row);
        return plan(row.precision(), g);
    }

    /**
     * The precision of every group of {@code g} in the plan a precision column's value names: one precision id,
     * {@value EndToEndMeasurement#INT8_STEM_FP32} or {@value EndToEndMeasurement#INT8_STEM_DENSE_FP32}.
     */
    public static IntFunction<Precision> plan(String precisionColumn, GroupedGraph g) {
        boolean stemFp32 = precisionColumn.equals(EndToEndMeasurement.INT8_STEM_FP32);
        boolean tvmRule = precisionColumn.equals(EndToEndMeasurement.INT8_STEM_DENSE_FP32);
        if (stemFp32 || tvmRule) {
            int stem = stem(g);
            return id -> id == stem || tvmRule && g.anchor(g.group(id)).opName().equals("dense") ? Precision.FP32
                    : Precision.INT8;
        }
        Precision p = Precision.parse(precisionColumn);
        return id -> p;
    }

    /** The group of the first conv2d (the stem), or -1 for a model without one. */
    public static int stem(GroupedGraph g) {
        for (int id = 0; id < g.size(); id++) {
            if (g.anchor(g.group(id)).opName().equals("conv2d")) {
                return id;
            }
        }
        return -1;
    }
}
