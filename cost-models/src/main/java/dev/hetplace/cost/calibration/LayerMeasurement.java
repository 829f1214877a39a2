package dev.hetplace.cost.calibration;

import dev.hetplace.backends.measure.CalibrationTables;
import dev.hetplace.backends.measure.CastMeasurement;
import dev.hetplace.backends.measure.Measurement;
import dev.hetplace.backends.measure.MeasurementTable;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a per-layer measurement table as the fits take it: the kernel shape, the table's precision column as
 * written ({@code fp32}, {@code int8}, {@code quantize_input}, {@code int8_gemm}, ...), the CPU thread count (0 for
 * a GPU), the timing ({@code eager} or {@code graph}; CPU rows are {@code eager}) and the median in microseconds.
 */
public record LayerMeasurement(KernelShape shape, String precision, int threads, String timing, double medianUs) {

    /** The layer rows, then the cast rows, of the table a device's calibration names, each in file order. */
    public static List<LayerMeasurement> of(String calibration, String device) {
        return of(CalibrationTables.layers(calibration, device));
    }

    /** The layer rows, then the cast rows, of a table read already, each in file order. */
    public static List<LayerMeasurement> of(MeasurementTable table) {
        List<LayerMeasurement> out = new ArrayList<>();
        for (Measurement m : table.layers()) {
            out.add(new LayerMeasurement(KernelShape.of(m.shape(), m.batch()), m.precisionTag(), m.threads(),
                    m.timing().id(), m.medianUs()));
        }
        for (CastMeasurement c : table.casts()) {
            out.add(new LayerMeasurement(KernelShape.of(c.shape(), c.batch()), c.kind().id(), c.threads(),
                    c.timing().id(), c.medianUs()));
        }
        return out;
    }
}
