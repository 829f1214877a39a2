package dev.hetplace.experiments.run;

import dev.hetplace.planner.validate.Validation;
import java.util.List;

/**
 * What validating a run's plan measured: the output SQNR of the executed plan ({@code null} when its outputs equal
 * the fp32 model's), the SQNR the planner predicted ({@code null} for a noiseless plan), the share of inputs whose
 * top-1 class agrees, what it ran with (weights, calibration, inputs, how VTA groups ran) and the measured SQNR of
 * the plans re-planned away for falling short of the budget.
 */
public record ValidationFigures(Double measuredSqnrDb, Double predictedSqnrDb, double top1Agreement, String weights,
                                String calibration, String inputs, String vta, List<Double> rejectedSqnrDb) {
    public ValidationFigures {
        rejectedSqnrDb = List.copyOf(rejectedSqnrDb);
    }

    /** The figures of a validation, null when there was none. */
    static ValidationFigures of(Validation v) {
        return v == null ? null : new ValidationFigures(finite(v.measuredSqnrDb()), finite(v.predictedSqnrDb()),
                v.top1Agreement(), v.weights(), v.calibration(), v.inputs(), v.vta(), v.rejected());
    }

    private static Double finite(double db) {
        return Double.isInfinite(db) ? null : db;
    }
}
