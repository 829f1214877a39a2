package dev.hetplace.cost.context;

import dev.hetplace.backends.measure.EndToEndMeasurement;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.source.ModelLoader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks the whole-model rows of a measurement table against what can predict them: the model must import and
 * the device must have the row's precision; the first failure is one message naming the file and line.
 */
public final class EndToEndRowCheck {
    private EndToEndRowCheck() {
    }

    /** The rows of {@code device}, checked; {@code graphs} receives each model as it imported. */
    public static void check(List<EndToEndMeasurement> rows, Device device, Map<String, Graph> graphs) {
        for (EndToEndMeasurement r : rows) {
            if (!graphs.containsKey(r.model())) {
                try {
                    graphs.put(r.model(), ModelLoader.load(r.model()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(r.where() + ": model '" + r.model() + "' does not import ("
                            + e.getMessage() + ")");
                }
            }
            for (Precision p : precisions(r)) {
                if (!device.supports(p)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "%s: precision %s, but device %s (%s) has only %s", r.where(), r.precision(),
                            device.id(), device.name(), device.precisions().stream().map(Precision::id)
                                    .collect(Collectors.joining(", "))));
                }
            }
            if (r.batch() < 1) {
                throw new IllegalArgumentException(r.where() + ": batch " + r.batch() + " is not at least 1");
            }
        }
    }

    /** The precisions a row's plan uses. */
    public static List<Precision> precisions(EndToEndMeasurement r) {
        if (r.precision().equals(EndToEndMeasurement.INT8_STEM_FP32)
                || r.precision().equals(EndToEndMeasurement.INT8_STEM_DENSE_FP32)) {
            return List.of(Precision.INT8, Precision.FP32);
        }
        try {
            return List.of(Precision.parse(r.precision()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(r.where() + ": precision '" + r.precision() + "' is none of "
                    + "fp32, tf32, fp16, bf16, int8, " + EndToEndMeasurement.INT8_STEM_FP32 + ", "
                    + EndToEndMeasurement.INT8_STEM_DENSE_FP32);
        }
    }
}
