package dev.hetplace.cost.calibration;

/**
 * One row of a per-layer measurement table: the kernel shape, the table's precision column as written
 * ({@code fp32}, {@code int8}, {@code quantize_input}, {@code int8_gemm}, ...), the CPU thread count (0 for a
 * GPU), the timing ({@code eager} or {@code graph}; CPU rows are {@code eager}) and the median in microseconds.
 */
public record LayerMeasurement(String model, KernelShape shape, String precision, int threads, String timing,
                               double medianUs) {
}
