package dev.hetplace.backends.measure;

import dev.hetplace.hw.Precision;

/**
 * One measured layer latency: on {@code device} (a platform device id), a layer of {@code shape} at
 * {@code batch}, with {@code threads} CPU threads (0 where not applicable, e.g. a GPU), at {@code precision},
 * timed as {@code timing}. {@code gemmCore} marks rows that time only the layer's implicit-GEMM core (the x86-h200
 * GPU table's {@code int8_gemm} / {@code fp16_gemm}), not the whole layer. Times are microseconds: the median and,
 * where the source gives them, the 10th and 90th percentiles (NaN otherwise).
 */
public record Measurement(String device, LayerShape shape, int batch, int threads, Precision precision,
                          boolean gemmCore, Timing timing, double medianUs, double p10Us, double p90Us) {

    /** The {@code precision} column's tag: {@code fp16}, or {@code fp16_gemm} for a GEMM-core row. */
    public String precisionTag() {
        return precision.id() + (gemmCore ? "_gemm" : "");
    }

    public long medianNs() {
        return Math.round(medianUs * 1000.0);
    }
}
