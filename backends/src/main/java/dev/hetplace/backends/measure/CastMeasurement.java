package dev.hetplace.backends.measure;

/**
 * A measured cost at a precision boundary next to a layer or group of {@code shape} ({@link CastKind}): quantizing
 * its input, dequantizing its output, a max pool's edge kernel, or a group's precision edge, at {@code batch} with
 * {@code threads} (0 where not applicable). Times in microseconds as in {@link Measurement}.
 */
public record CastMeasurement(String device, LayerShape shape, int batch, int threads, CastKind kind, Timing timing,
                              double medianUs, double p10Us, double p90Us) {

    /**
     * Elements cast: the layer's input for a quantize, its output for a dequantize (and for the other kinds), times
     * the batch.
     */
    public long elements() {
        return batch * (kind == CastKind.QUANTIZE_INPUT ? shape.inputElements() : shape.outputElements());
    }

    public long medianNs() {
        return Math.round(medianUs * 1000.0);
    }
}
