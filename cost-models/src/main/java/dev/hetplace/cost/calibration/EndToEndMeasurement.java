package dev.hetplace.cost.calibration;

/** A whole-model latency from {@code end_to_end.csv}; {@code threads} is 0 for the GPU. */
public record EndToEndMeasurement(String model, String device, String precision, int batch, int threads,
                                  String timing, double medianUs) {
}
