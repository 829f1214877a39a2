package dev.hetplace.backends.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The measurement tables shipped in this jar under {@code measured/} (see {@code measured/x86-h200/README.md}),
 * each by the name profiles give it in their {@code calibration} field. Each read parses the resource afresh.
 */
public enum ShippedTable {
    X86_H200_CPU_LAYERS("x86-h200/cpu_layers.csv"),
    X86_H200_GPU_LAYERS("x86-h200/gpu_layers.csv"),
    X86_H200_END_TO_END("x86-h200/end_to_end.csv"),
    X86_H200_TRANSFER("x86-h200/transfer.csv"),
    X86_H200_PADDING("x86-h200/padding.csv");

    private final String fileName;

    ShippedTable(String fileName) {
        this.fileName = fileName;
    }

    /** The name profiles use for it, which its rows' errors also name, e.g. {@code x86-h200/cpu_layers.csv}. */
    public String fileName() {
        return fileName;
    }

    /** The shipped table of this name, if one is. */
    public static Optional<ShippedTable> named(String name) {
        for (ShippedTable t : values()) {
            if (t.fileName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** A per-device layer table ({@code <device>_layers.csv}); the file name gives the device column. */
    public MeasurementTable layers() {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        return read((r, source) -> MeasurementTable.read(r, source, MeasurementTable.perDeviceDefaults(name)));
    }

    /** Parses the resource with a reader of this package's formats, e.g. {@code TransferMeasurement::read}. */
    public <T> T read(BiFunction<Reader, String, T> reader) {
        try (InputStream in = ShippedTable.class.getResourceAsStream("/measured/" + fileName)) {
            if (in == null) {
                throw new MeasurementException(fileName + ": no such shipped measurement file");
            }
            return reader.apply(new InputStreamReader(in, StandardCharsets.UTF_8), fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(fileName + ": " + e.getMessage(), e);
        }
    }
}
