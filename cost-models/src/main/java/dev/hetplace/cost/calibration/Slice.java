package dev.hetplace.cost.calibration;

import java.util.Locale;

/**
 * One independently calibrated part of a per-layer table: a precision column, a batch, a CPU thread count (0 for
 * a GPU) and a timing.
 */
public record Slice(String precision, int batch, int threads, String timing) implements Comparable<Slice> {

    /** Storage bytes per element of the slice's precision column. */
    public int bytesPerElement() {
        return bytesPerElement(precision);
    }

    public static int bytesPerElement(String precisionColumn) {
        return switch (precisionColumn) {
            case "fp16", "bf16", "fp16_gemm" -> 2;
            case "int8", "int8_gemm" -> 1;
            default -> 4;
        };
    }

    @Override
    public int compareTo(Slice o) {
        int c = precision.compareTo(o.precision);
        if (c == 0) {
            c = Integer.compare(batch, o.batch);
        }
        if (c == 0) {
            c = Integer.compare(threads, o.threads);
        }
        return c != 0 ? c : timing.compareTo(o.timing);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s b%d%s %s", precision, batch, threads > 0 ? " t" + threads : "", timing);
    }
}
