package dev.hetplace.planner.validate;

import java.util.List;

/**
 * A plan executed against the fp32 model on the calibration inputs: the measured output SQNR (+infinity when the
 * outputs are identical), the SQNR the planner predicted from its per-group noise, the fraction of inputs whose
 * top-1 class agrees, and what it ran with: weights, calibration, inputs, how VTA groups ran. {@code rejected}
 * lists the measured SQNR of earlier plans of this run that fell short of the accuracy budget (see
 * {@link ValidatedPlanning}); empty when the first plan met it.
 */
public record Validation(double measuredSqnrDb, double predictedSqnrDb, double top1Agreement, String weights,
                         String calibration, String inputs, String vta, long nanos, List<Double> rejected) {
    public Validation {
        rejected = List.copyOf(rejected);
    }

    /** This validation after earlier plans measuring {@code earlier} dB were rejected, taking {@code ns} more. */
    public Validation after(List<Double> earlier, long ns) {
        List<Double> all = new java.util.ArrayList<>(earlier);
        all.addAll(rejected);
        return new Validation(measuredSqnrDb, predictedSqnrDb, top1Agreement, weights, calibration, inputs, vta,
                nanos + ns, all);
    }

    /** Whether the executed plan measures at least {@code minSqnrDb} (always true without a budget). */
    public boolean meets(Double minSqnrDb) {
        return minSqnrDb == null || measuredSqnrDb >= minSqnrDb;
    }
}
