package dev.hetplace.cost.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * {@code t = a + b MACs + c outputs + d bytes + e bytes[depthwise] + f rows + g waveMACs}: a sum of non-negative
 * costs (fixed overhead, compute, per-output epilogue, memory traffic, depthwise traffic, per-GEMM-row work,
 * tile-quantized compute, see {@link Features#waveMacs}) and, on slices of at least 20 shapes, {@code + h [stride 2]}
 * (the extra fixed cost of a strided kernel), fitted by least squares of the relative error. The
 * non-negative solution is found exactly by trying every subset of terms (an active-set search over at most 255
 * subsets) and keeping the best one whose coefficients are all non-negative.
 */
public final class AdditiveFit implements LatencyFit {
    private static final List<String> NAMES = List.of("1", "MACs", "outputs", "bytes", "depthwise bytes", "rows",
            "wave MACs", "stride 2");
    /** Fewest shapes for the stride-2 overhead term: on the 12-shape CPU slices an eighth term overfits. */
    static final int MIN_SAMPLES_FOR_STRIDE_TERM = 20;

    private final List<Integer> used;
    private final List<ToDoubleFunction<KernelShape>> terms;
    private final double[] coefficients;
    private final int samples;
    private final double rms;

    private AdditiveFit(List<Integer> used, List<ToDoubleFunction<KernelShape>> terms, double[] coefficients,
                        List<Sample> fitted) {
        this.used = used;
        this.terms = terms;
        this.coefficients = coefficients;
        this.samples = fitted.size();
        this.rms = Features.rmsLogError(this, fitted);
    }

    /** Fits the samples, or returns null when no subset of terms has a non-negative solution. */
    public static AdditiveFit fit(List<Sample> samples, int bytesPerElement) {
        List<ToDoubleFunction<KernelShape>> all = new ArrayList<>(List.of(
                s -> 1.0,
                s -> (double) s.macs(),
                s -> (double) s.outputElements(),
                s -> (double) s.bytes(bytesPerElement),
                s -> Features.depthwise(s) * s.bytes(bytesPerElement),
                s -> (double) s.gemmRows(),
                Features::waveMacs));
        if (samples.size() >= MIN_SAMPLES_FOR_STRIDE_TERM) {
            all.add(Features::strided);
        }
        int n = samples.size();
        double[][] values = new double[n][all.size()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < all.size(); j++) {
                values[i][j] = all.get(j).applyAsDouble(samples.get(i).shape()) / samples.get(i).us();
            }
        }
        double bestResidual = Double.POSITIVE_INFINITY;
        List<Integer> bestSubset = null;
        double[] bestCoefficients = null;
        for (int mask = 1; mask < (1 << all.size()); mask++) {
            List<Integer> subset = new ArrayList<>();
            for (int j = 0; j < all.size(); j++) {
                if ((mask & (1 << j)) != 0) {
                    subset.add(j);
                }
            }
            if (n < subset.size() + 1 || hasZeroColumn(values, subset)) {
                continue;
            }
            double[] c = solve(values, subset);
            if (c == null) {
                continue;
            }
            double residual = 0;
            for (int i = 0; i < n; i++) {
                double p = 0;
                for (int k = 0; k < subset.size(); k++) {
                    p += c[k] * values[i][subset.get(k)];
                }
                residual += (p - 1) * (p - 1);
            }
            if (residual < bestResidual) {
                bestResidual = residual;
                bestSubset = subset;
                bestCoefficients = c;
            }
        }
        if (bestSubset == null) {
            return null;
        }
        List<ToDoubleFunction<KernelShape>> terms = new ArrayList<>();
        for (int j : bestSubset) {
            terms.add(all.get(j));
        }
        return new AdditiveFit(List.copyOf(bestSubset), List.copyOf(terms), bestCoefficients, samples);
    }

    private static boolean hasZeroColumn(double[][] values, List<Integer> subset) {
        for (int j : subset) {
            boolean zero = true;
            for (double[] row : values) {
                if (row[j] != 0) {
                    zero = false;
                    break;
                }
            }
            if (zero) {
                return true;
            }
        }
        return false;
    }

    /** Least squares of sum_k c_k x_ik = 1 without intercept; null when singular or any c_k < 0. */
    private static double[] solve(double[][] values, List<Integer> subset) {
        double[] y = new double[values.length];
        double[][] x = new double[values.length][subset.size()];
        for (int i = 0; i < values.length; i++) {
            y[i] = 1;
            for (int k = 0; k < subset.size(); k++) {
                x[i][k] = values[i][subset.get(k)];
            }
        }
        try {
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            ols.setNoIntercept(true);
            ols.newSampleData(y, x);
            double[] c = ols.estimateRegressionParameters();
            for (double v : c) {
                if (v < 0 || Double.isNaN(v)) {
                    return null;
                }
            }
            return c;
        } catch (RuntimeException singular) {
            return null;
        }
    }

    @Override
    public double predictUs(KernelShape shape) {
        double t = 0;
        for (int k = 0; k < terms.size(); k++) {
            t += coefficients[k] * terms.get(k).applyAsDouble(shape);
        }
        return Math.max(t, 1e-3);
    }

    @Override
    public double rmsLogError() {
        return rms;
    }

    @Override
    public String describe() {
        List<String> names = new ArrayList<>();
        for (int j : used) {
            names.add(NAMES.get(j));
        }
        return String.format(Locale.ROOT, "additive non-negative in %s (n=%d)", String.join(", ", names), samples);
    }
}
