package dev.hetplace.cost.gpu;

import dev.hetplace.cost.calibration.CalibratedKernels;
import dev.hetplace.cost.calibration.KernelShape;
import dev.hetplace.cost.calibration.Median;
import dev.hetplace.cost.calibration.Sample;
import dev.hetplace.cost.calibration.Slice;
import dev.hetplace.hw.Precision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Host-side dispatch per kernel under eager timing, per op class and precision. Conv and GEMM dispatches are
 * measured: the median, over the batch-1 rows of that op and precision, of the eager time (one call launched and
 * waited for) minus the CUDA-graph time (the kernel alone). Element-wise, pool, reduction and cast kernels have
 * no rows of their own; their dispatch is {@code elementwiseRatio} times the conv dispatch at the same precision
 * (one ratio for all precisions, fitted to the whole-model eager rows), or the conv's where no whole-model rows
 * exist.
 */
public record GpuDispatch(Map<Precision, Double> convUs, Map<Precision, Double> gemmUs, double fallbackUs,
                          double elementwiseRatio, String ratioSource) {
    public GpuDispatch {
        convUs = Collections.unmodifiableMap(new EnumMap<>(convUs));
        gemmUs = Collections.unmodifiableMap(new EnumMap<>(gemmUs));
    }

    /** The measured conv and GEMM dispatches of a GPU table; {@code fallbackUs} for precisions without rows. */
    public static GpuDispatch measured(CalibratedKernels table, double fallbackUs) {
        Map<Precision, Double> conv = new EnumMap<>(Precision.class);
        Map<Precision, Double> gemm = new EnumMap<>(Precision.class);
        for (Precision p : Precision.values()) {
            String column = p == Precision.INT8 ? "int8_gemm" : p.id();
            List<Double> convDiffs = new ArrayList<>();
            List<Double> gemmDiffs = new ArrayList<>();
            for (Sample s : table.samples(new Slice(column, 1, 0, "graph"))) {
                table.lookup(s.shape(), column, 0, "eager").ifPresent(eager ->
                        (s.shape().op().equals(KernelShape.CONV2D) ? convDiffs : gemmDiffs).add(eager - s.us()));
            }
            if (!convDiffs.isEmpty()) {
                conv.put(p, Math.max(0, Median.of(convDiffs)));
            }
            if (!gemmDiffs.isEmpty()) {
                gemm.put(p, Math.max(0, Median.of(gemmDiffs)));
            }
        }
        return new GpuDispatch(conv, gemm, fallbackUs, 1.0, "no whole-model eager rows: the conv's dispatch");
    }

    public GpuDispatch withRatio(double ratio, String source) {
        return new GpuDispatch(convUs, gemmUs, fallbackUs, ratio, source);
    }

    public double us(DispatchClass c, Precision p) {
        double conv = convUs.getOrDefault(p, fallbackUs);
        return switch (c) {
            case CONV -> conv;
            case GEMM -> gemmUs.getOrDefault(p, conv);
            default -> elementwiseRatio * conv;
        };
    }

    /** Where a class's dispatch comes from, in words. */
    public String source(DispatchClass c, Precision p) {
        boolean rows = convUs.containsKey(p);
        String column = p == Precision.INT8 ? "int8_gemm" : p.id();
        String conv = rows ? "measured: median eager - graph of the batch-1 " + column + " conv rows"
                : String.format(Locale.ROOT, "no %s rows: the profile's launchOverheadUs", column);
        return switch (c) {
            case CONV -> conv;
            case GEMM -> gemmUs.containsKey(p) ? "measured: median eager - graph of the batch-1 " + column
                    + " dense rows" : "the conv's (" + conv + ")";
            case ELEMENTWISE -> String.format(Locale.ROOT, "%.3f x the conv's (%s)", elementwiseRatio, ratioSource);
            default -> String.format(Locale.ROOT, "%.3f x the conv's, as element-wise (%s; no %s rows of its own)",
                    elementwiseRatio, ratioSource, c.id());
        };
    }
}
