package dev.hetplace.cost.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conv2d and dense rows of one per-layer table, split into {@link Slice}s: exact lookups by shape, and per
 * slice a {@link LatencyFit} over its distinct shapes (fitted on first use, on the {@link FitBasis} of the device
 * measured: {@code multiprocessors} of a GPU, 0 for a CPU). Repeated rows of one shape (ResNet's identical blocks)
 * count once.
 */
public final class CalibratedKernels {
    private final String source;
    private final int multiprocessors;
    private final Map<Slice, Map<KernelShape, Double>> slices;
    private final Map<Slice, Optional<LatencyFit>> fits = new ConcurrentHashMap<>();

    public CalibratedKernels(String source, List<LayerMeasurement> rows, List<String> precisionColumns,
                             int multiprocessors) {
        this.source = source;
        this.multiprocessors = multiprocessors;
        Map<Slice, Map<KernelShape, Double>> bySlice = new TreeMap<>();
        for (LayerMeasurement m : rows) {
            if (!precisionColumns.contains(m.precision())) {
                continue;
            }
            Slice slice = new Slice(m.precision(), m.shape().batch(), m.threads(), m.timing());
            bySlice.computeIfAbsent(slice, s -> new LinkedHashMap<>()).putIfAbsent(m.shape(), m.medianUs());
        }
        Map<Slice, Map<KernelShape, Double>> frozen = new TreeMap<>();
        bySlice.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
        this.slices = Collections.unmodifiableMap(frozen);
    }

    /**
     * Loads the table a GPU's calibration names, e.g. {@code x86-h200/gpu_layers.csv}, keeping the given precision
     * columns, measured on a GPU of {@code multiprocessors}.
     */
    public static CalibratedKernels loadGpu(String calibration, List<String> precisionColumns, int multiprocessors) {
        return new CalibratedKernels(calibration, LayerMeasurement.of(calibration, "gpu"), precisionColumns,
                multiprocessors);
    }

    public String source() {
        return source;
    }

    public List<Slice> slices() {
        return List.copyOf(slices.keySet());
    }

    /** Distinct measured shapes of a slice with their medians, in table order. */
    public List<Sample> samples(Slice slice) {
        List<Sample> out = new ArrayList<>();
        slices.getOrDefault(slice, Map.of()).forEach((shape, us) -> out.add(new Sample(shape, us)));
        return out;
    }

    /** The measured median of exactly this shape (batch included) in a slice. */
    public Optional<Double> lookup(KernelShape shape, String precision, int threads, String timing) {
        Map<KernelShape, Double> m = slices.get(new Slice(precision, shape.batch(), threads, timing));
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(shape));
    }

    /** Batches measured for a precision, thread count and timing, ascending. */
    public List<Integer> batches(String precision, int threads, String timing) {
        TreeSet<Integer> b = new TreeSet<>();
        for (Slice s : slices.keySet()) {
            if (s.precision().equals(precision) && s.threads() == threads && s.timing().equals(timing)) {
                b.add(s.batch());
            }
        }
        return List.copyOf(b);
    }

    /** Thread counts measured for a precision and timing, ascending. */
    public List<Integer> threadCounts(String precision, String timing) {
        TreeSet<Integer> t = new TreeSet<>();
        for (Slice s : slices.keySet()) {
            if (s.precision().equals(precision) && s.timing().equals(timing)) {
                t.add(s.threads());
            }
        }
        return List.copyOf(t);
    }

    public FitBasis basis(Slice slice) {
        return FitBasis.of(slice, multiprocessors);
    }

    /** The slice's fit over all its shapes, or empty when it has too few. */
    public Optional<LatencyFit> fit(Slice slice) {
        return fits.computeIfAbsent(slice, s -> Optional.ofNullable(ShapeFits.fit(samples(s), basis(s))));
    }
}
