package dev.hetplace.cost.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * {@code ln t = c0 + c1 ln MACs + c2 ln bytes + c3 ln K + c4 [depthwise]}, ordinary least squares on the logs
 * (Commons Math), so it minimises relative rather than absolute error. A term constant over the samples (no
 * depthwise kernel among them, say) is left out.
 */
public final class LogLinearFit implements LatencyFit {
    private final List<String> names;
    private final List<ToDoubleFunction<KernelShape>> terms;
    private final double[] coefficients;
    private final int samples;
    private final double rms;

    private LogLinearFit(List<String> names, List<ToDoubleFunction<KernelShape>> terms, double[] coefficients,
                         List<Sample> fitted) {
        this.names = names;
        this.terms = terms;
        this.coefficients = coefficients;
        this.samples = fitted.size();
        this.rms = Features.rmsLogError(this, fitted);
    }

    /** Fits the samples, or returns null when they cannot determine the coefficients. */
    public static LogLinearFit fit(List<Sample> samples, int bytesPerElement) {
        List<String> allNames = List.of("ln MACs", "ln bytes", "ln K", "depthwise");
        List<ToDoubleFunction<KernelShape>> all = List.of(
                s -> Math.log(Features.macs(s)),
                s -> Math.log(Features.bytes(s, bytesPerElement)),
                s -> Math.log(Features.reduction(s)),
                Features::depthwise);
        List<String> names = new ArrayList<>();
        List<ToDoubleFunction<KernelShape>> terms = new ArrayList<>();
        for (int j = 0; j < all.size(); j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Sample s : samples) {
                double v = all.get(j).applyAsDouble(s.shape());
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (max > min) {
                names.add(allNames.get(j));
                terms.add(all.get(j));
            }
        }
        if (samples.size() < terms.size() + 2) {
            return null;
        }
        double[] y = new double[samples.size()];
        double[][] x = new double[samples.size()][terms.size()];
        for (int i = 0; i < samples.size(); i++) {
            y[i] = Math.log(samples.get(i).us());
            for (int j = 0; j < terms.size(); j++) {
                x[i][j] = terms.get(j).applyAsDouble(samples.get(i).shape());
            }
        }
        try {
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.newSampleData(y, x);
            return new LogLinearFit(List.copyOf(names), List.copyOf(terms), ols.estimateRegressionParameters(),
                    samples);
        } catch (RuntimeException singular) {
            return null;
        }
    }

    @Override
    public double predictUs(KernelShape shape) {
        double ln = coefficients[0];
        for (int j = 0; j < terms.size(); j++) {
            ln += coefficients[j + 1] * terms.get(j).applyAsDouble(shape);
        }
        return Math.exp(ln);
    }

    @Override
    public double rmsLogError() {
        return rms;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "log-linear in %s (n=%d)", String.join(", ", names), samples);
    }
}
