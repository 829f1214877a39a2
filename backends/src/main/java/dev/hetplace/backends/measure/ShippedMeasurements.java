package dev.hetplace.backends.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The measurements shipped in this jar under {@code measured/} (see {@code measured/x86-h200/README.md}): the
 * x86-h200 layer tables that profiles name in their {@code calibration} field, and its transfer, padding and
 * end-to-end files. Each call reads the resource afresh; keep what you need.
 */
public final class ShippedMeasurements {
    public static final String X86_H200 = "x86-h200";
    private static final String ROOT = "/measured/";

    private ShippedMeasurements() {
    }

    /**
     * A shipped per-device layer table by its path under {@code measured/}, as a profile's {@code calibration}
     * names it (e.g. {@code x86-h200/cpu_layers.csv}); the file name gives the device.
     */
    public static MeasurementTable table(String calibration) {
        String fileName = calibration.substring(calibration.lastIndexOf('/') + 1);
        return read(calibration, (r, source) -> MeasurementTable.read(r, source,
                MeasurementTable.perDeviceDefaults(fileName)));
    }

    /** The x86-h200 CPU and GPU layer tables together. */
    public static MeasurementTable x86H200Layers() {
        return table(X86_H200 + "/cpu_layers.csv").merge(table(X86_H200 + "/gpu_layers.csv"));
    }

    public static List<TransferMeasurement> x86H200Transfers() {
        return read(X86_H200 + "/transfer.csv", TransferMeasurement::read);
    }

    public static List<PaddingMeasurement> x86H200Padding() {
        return read(X86_H200 + "/padding.csv", PaddingMeasurement::read);
    }

    public static List<EndToEndMeasurement> x86H200EndToEnd() {
        return read(X86_H200 + "/end_to_end.csv", EndToEndMeasurement::read);
    }

    private static <T> T read(String path, BiFunction<Reader, String, T> reader) {
        String source = "measured/" + path;
        try (InputStream in = ShippedMeasurements.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new MeasurementException(source + ": no such shipped measurement file");
            }
            return reader.apply(new InputStreamReader(in, StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
    }
}
