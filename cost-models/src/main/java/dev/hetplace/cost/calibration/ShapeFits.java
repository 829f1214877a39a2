package dev.hetplace.cost.calibration;

import java.util.List;

/**
 * Fits both model families to one slice of measurements and keeps the one with the smaller error on the samples
 * it was fitted to (never on held-out data): the log-linear form follows launch- and overhead-bound slices, the
 * additive form compute- and bandwidth-bound ones.
 */
public final class ShapeFits {
    private ShapeFits() {
    }

    /** The better-fitting model, or null when neither can be fitted (too few samples). */
    public static LatencyFit fit(List<Sample> samples, FitBasis basis) {
        LatencyFit logLinear = LogLinearFit.fit(samples, basis.bytesPerElement());
        LatencyFit additive = AdditiveFit.fit(samples, basis);
        if (logLinear == null) {
            return additive;
        }
        if (additive == null) {
            return logLinear;
        }
        return additive.rmsLogError() < logLinear.rmsLogError() ? additive : logLinear;
    }
}
