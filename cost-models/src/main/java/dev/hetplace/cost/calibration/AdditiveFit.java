package dev.hetplace.cost.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A sum of non-negative costs, fitted by least squares of the relative error: on any device {@code t = a + b MACs
 * + c outputs + d bytes + e bytes[depthwise] + f rows + g [implicit-GEMM conv]} (fixed overhead, compute,
 * per-output epilogue, memory traffic, depthwise traffic, per-GEMM-row work, the conv library call's own fixed
 * cost); on a GPU also {@code + h waveMACs + i bytes[dense] + j [stride 2]} (tile-quantized compute, see
 * {@link Features#waveMacs}; the matrix-vector path's weight traffic; a strided kernel's extra fixed cost). The
 * non-negative solution is found exactly by trying every subset of terms and keeping the best one whose
 * coefficients are all non-negative (127 subsets on a CPU, 1,023 on a GPU).
 */
public final class AdditiveFit implements LatencyFit {
    private static final List<String> CPU_NAMES = List.of("1", "MACs", "outputs", "bytes", "depthwise bytes", "rows",
            "conv call");
    private static final List<String> GPU_NAMES = List.of("wave MACs", "dense bytes", "stride 2");

    private final List<String> names;
    private final List<ToDoubleFunction<KernelShape>> terms;
    private final double[] coefficients;
    private final int samples;
    private final double rms;

    private AdditiveFit(List<String> names, List<ToDoubleFunction<KernelShape>> terms, double[] coefficients,
                        List<Sample> fitted) {
        this.names = names;
        this.terms = terms;
        this.coefficients = coefficients;
        this.samples = fitted.size();
        this.rms = Features.rmsLogError(this, fitted);
    }

    /** Fits the samples, or returns null when no subset of terms has a non-negative solution. */
    public static AdditiveFit fit(List<Sample> samples, FitBasis basis) {
        int bpe = basis.bytesPerElement();
        List<ToDoubleFunction<KernelShape>> all = new ArrayList<>(List.of(
                s -> 1.0,
                s -> (double) s.macs(),
                s -> (double) s.outputElements(),
                s -> (double) s.bytes(bpe),
                s -> Features.depthwise(s) * s.bytes(bpe),
                s -> (double) s.gemmRows(),
                Features::gemmConv));
        List<String> allNames = new ArrayList<>(CPU_NAMES);
        if (basis.gpu()) {
            all.add(s -> Features.waveMacs(s, basis.multiprocessors(), basis.gemmCore()));
            all.add(s -> Features.dense(s) * s.bytes(bpe));
            all.add(Features::strided);
            allNames.addAll(GPU_NAMES);
        }
        int n = samples.size();
        double[][] values = new double[n][all.size()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < all.size(); j++) {
                values[i][j] = all.get(j).applyAsDouble(samples.get(i).shape()) / samples.get(i).us();
            }
        }
        SubsetLeastSquares ls = new SubsetLeastSquares(values);
        double bestResidual = Double.POSITIVE_INFINITY;
        int[] bestSubset = null;
        double[] bestCoefficients = null;
        for (int mask = 1; mask < (1 << all.size()); mask++) {
            int[] subset = new int[Integer.bitCount(mask)];
            for (int j = 0, k = 0; j < all.size(); j++) {
                if ((mask & (1 << j)) != 0) {
                    subset[k++] = j;
                }
            }
            if (n < subset.length + 1) {
                continue;
            }
            SubsetLeastSquares.Solution solution = ls.solve(subset);
            if (solution == null || !nonNegative(solution.coefficients())) {
                continue;
            }
            if (solution.residual() < bestResidual) {
                bestResidual = solution.residual();
                bestSubset = subset;
                bestCoefficients = solution.coefficients();
            }
        }
        if (bestSubset == null) {
            return null;
        }
        List<ToDoubleFunction<KernelShape>> terms = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int j : bestSubset) {
            terms.add(all.get(j));
            names.add(allNames.get(j));
        }
        return new AdditiveFit(List.copyOf(names), List.copyOf(terms), bestCoefficients, samples);
    }

    private static boolean nonNegative(double[] c) {
        for (double v : c) {
            if (v < 0 || Double.isNaN(v)) {
                return false;
            }
        }
        return true;
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
        return String.format(Locale.ROOT, "additive non-negative in %s (n=%d)", String.join(", ", names), samples);
    }
}
