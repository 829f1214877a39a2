package dev.hetplace.backends.measure;

import java.util.Locale;

/**
 * A measured cost at a precision boundary next to a layer: quantizing its fp32 input to int8, dequantizing its
 * int8 output to fp32, or ({@link #POOL_EDGE}) what a max pool runs where a float tensor meets int8 at it.
 * {@link #id()} is the tag a measurement table's {@code precision} column uses.
 */
public enum CastKind {
    QUANTIZE_INPUT, DEQUANTIZE_OUTPUT,
    /**
     * A {@code max_pool2d} row: the pool's in-model kernel time (quantize excluded, the layout nodes the runtime
     * adds for it included) when its input is produced in float and the pool runs int8, the arrangement ONNX
     * Runtime runs as its plain NCHW uint8 {@code MaxPool} rather than the {@code NhwcMaxPool} of an all-int8 chain.
     */
    POOL_EDGE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
