package dev.hetplace.cost.calibration;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Leave-one-shape-out validation: within each slice, every distinct measured shape is predicted by the model
 * fitted to the other shapes of that slice, exactly as the cost models would price an unmeasured shape.
 */
public final class LeaveOneShapeOut {
    private LeaveOneShapeOut() {
    }

    public static List<FidelityRow> run(String device, CalibratedKernels kernels) {
        List<FidelityRow> rows = new ArrayList<>();
        for (Slice slice : kernels.slices()) {
            FidelityRow row = run(device, slice, kernels.basis(slice), kernels.samples(slice));
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** One slice; null when it has too few shapes to leave one out. */
    public static FidelityRow run(String device, Slice slice, FitBasis basis, List<Sample> samples) {
        int n = samples.size();
        if (n < 4) {
            return null;
        }
        double[] measured = new double[n];
        double[] predicted = new double[n];
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
            List<Sample> training = new ArrayList<>(samples);
            Sample held = training.remove(i);
            LatencyFit fit = ShapeFits.fit(training, basis);
            if (fit == null) {
                return null;
            }
            measured[i] = held.us();
            predicted[i] = fit.predictUs(held.shape());
            errors[i] = Math.abs(predicted[i] - measured[i]) / measured[i];
        }
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double m : measured) {
            max = Math.max(max, m);
            min = Math.min(min, m);
        }
        double range = max / min;
        double spearman = range > FidelityRow.SPEARMAN_MIN_RANGE
                ? new SpearmansCorrelation().correlation(predicted, measured) : Double.NaN;
        return new FidelityRow(device, slice, n, percentile(errors, 50), percentile(errors, 90), range, spearman);
    }

    /** Percentile with linear interpolation between order statistics (R-7, numpy's default). */
    static double percentile(double[] values, double p) {
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values, p);
    }
}
