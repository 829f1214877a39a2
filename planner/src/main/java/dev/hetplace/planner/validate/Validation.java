package dev.hetplace.planner.validate;

/**
 * A plan executed against the fp32 model on the calibration inputs: the measured output SQNR (+infinity when the
 * outputs are identical), the SQNR the planner predicted from its per-group noise, the fraction of inputs whose
 * top-1 class agrees, and what it ran with: weights, calibration, inputs, how VTA groups ran.
 */
public record Validation(double measuredSqnrDb, double predictedSqnrDb, double top1Agreement, String weights,
                         String calibration, String inputs, String vta, long nanos) {
}
