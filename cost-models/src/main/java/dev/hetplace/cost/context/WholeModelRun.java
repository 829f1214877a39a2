package dev.hetplace.cost.context;

import dev.hetplace.backends.measure.EndToEndMeasurement;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.Grouping;
import java.util.function.IntFunction;

/**
 * The plan a whole-model row measured: the model as the framework ran it (batch norms unfolded, grouped as the
 * planner groups), every group at the row's precision, or int8 with the first conv's group in fp32.
 */
public record WholeModelRun(EndToEndMeasurement row, GroupedGraph graph, IntFunction<Precision> plan) {

    public static WholeModelRun of(EndToEndMeasurement row, Graph model) {
        GroupedGraph g = Grouping.apply(model);
        if (row.precision().equals(EndToEndRowCheck.INT8_STEM_FP32)) {
            int stem = g.groupOf(model.convLayers().get(0).id());
            return new WholeModelRun(row, g, id -> id == stem ? Precision.FP32 : Precision.INT8);
        }
        Precision p = EndToEndRowCheck.precisions(row).get(0);
        return new WholeModelRun(row, g, id -> p);
    }
}
