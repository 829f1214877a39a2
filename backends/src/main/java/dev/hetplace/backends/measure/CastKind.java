package dev.hetplace.backends.measure;

import java.util.Locale;

/**
 * A measured precision cast around a layer: quantizing its fp32 input to int8, or dequantizing its int8 output
 * to fp32. {@link #id()} is the tag a measurement table's {@code precision} column uses.
 */
public enum CastKind {
    QUANTIZE_INPUT, DEQUANTIZE_OUTPUT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
