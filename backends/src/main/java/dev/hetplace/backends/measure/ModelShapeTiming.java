package dev.hetplace.backends.measure;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times every distinct conv2d / dense group shape of a model on this machine's CPU ({@link CpuLayerTimer}) and
 * turns the timings into measurement-table rows for device {@code cpu}: fp32, int8, quantize_input and
 * dequantize_output per shape, eager, at the given thread count. Anchors a table cannot hold (irregular padding,
 * dilation) are counted as skipped.
 */
public final class ModelShapeTiming {
    public static final String DEVICE = "cpu";

    /** Sees each shape as it is timed. */
    public interface Progress {
        Progress NONE = (done, total, shape, t, elapsedNs) -> { };

        void shape(int done, int total, LayerShape shape, CpuLayerTimer.LayerTimings timings, long elapsedNs);
    }

    /** The rows of a model's measurement, and how many anchors could not be expressed as table rows. */
    public record Result(List<Measurement> layers, List<CastMeasurement> casts, int shapes, int skipped) {
        public Result {
            layers = List.copyOf(layers);
            casts = List.copyOf(casts);
        }

        public MeasurementTable table(String source) {
            return MeasurementTable.of(source, layers, casts);
        }
    }

    private ModelShapeTiming() {
    }

    public static Result measure(GroupedGraph grouped, int threads, int warmups, int repeats, Progress progress) {
        Graph g = grouped.graph();
        Map<String, Layer> distinct = new LinkedHashMap<>();
        int skipped = 0;
        for (Group group : grouped.groups()) {
            Layer anchor = grouped.anchor(group);
            var shape = CpuLayerTimer.shapeOf(g, anchor);
            if (shape.isPresent()) {
                distinct.putIfAbsent(shape.get() + " b" + CpuLayerTimer.batchOf(g, anchor), anchor);
            } else if (anchor.opName().equals("conv2d") || anchor.opName().equals("dense")) {
                skipped++;
            }
        }
        List<Measurement> layers = new ArrayList<>();
        List<CastMeasurement> casts = new ArrayList<>();
        long t0 = System.nanoTime();
        try (Parallel par = Parallel.withThreads(threads)) {
            CpuLayerTimer timer = new CpuLayerTimer(par, warmups, repeats);
            int done = 0;
            for (Layer anchor : distinct.values()) {
                CpuLayerTimer.LayerTimings t = timer.time(g, anchor);
                layers.add(row(t, Precision.FP32, t.fp32(), threads));
                layers.add(row(t, Precision.INT8, t.int8(), threads));
                casts.add(cast(t, CastKind.QUANTIZE_INPUT, t.quantize(), threads));
                casts.add(cast(t, CastKind.DEQUANTIZE_OUTPUT, t.dequantize(), threads));
                progress.shape(++done, distinct.size(), t.shape(), t, System.nanoTime() - t0);
            }
        }
        return new Result(layers, casts, distinct.size(), skipped);
    }

    private static Measurement row(CpuLayerTimer.LayerTimings t, Precision p, TimingStats s, int threads) {
        return new Measurement(DEVICE, t.shape(), t.batch(), threads, p, false, Timing.EAGER, s.medianUs(), s.p10Us(),
                s.p90Us());
    }

    private static CastMeasurement cast(CpuLayerTimer.LayerTimings t, CastKind kind, TimingStats s, int threads) {
        return new CastMeasurement(DEVICE, t.shape(), t.batch(), threads, kind, Timing.EAGER, s.medianUs(), s.p10Us(),
                s.p90Us());
    }
}
