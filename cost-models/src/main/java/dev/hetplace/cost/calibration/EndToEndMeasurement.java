package dev.hetplace.cost.calibration;

/**
 * A whole-model latency from {@code end_to_end.csv} ({@code file}, {@code line}); {@code threads} is 0 for the
 * GPU.
 */
public record EndToEndMeasurement(String model, String device, String precision, int batch, int threads,
                                  String timing, double medianUs, String file, int line) {
    /** Where the row is, for messages: {@code file line N}. */
    public String where() {
        return file + " line " + line;
    }
}
