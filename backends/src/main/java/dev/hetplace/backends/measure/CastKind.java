package dev.hetplace.backends.measure;

import java.util.Locale;

/**
 * A measured cost at a precision boundary next to a layer: quantizing its fp32 input to int8, dequantizing its
 * int8 output to fp32, ({@link #POOL_EDGE}) what a max pool runs where a float tensor meets int8 at it, or
 * ({@link #EDGE_INT8}, {@link #EDGE_FP32}) what a whole group pays at a precision edge.
 * {@link #id()} is the tag a measurement table's {@code precision} column uses.
 */
public enum CastKind {
    QUANTIZE_INPUT, DEQUANTIZE_OUTPUT,
    /**
     * A {@code max_pool2d} row: the pool's in-model kernel time (quantize excluded, the layout nodes the runtime
     * adds for it included) when its input is produced in float and the pool runs int8, the arrangement ONNX
     * Runtime runs as its plain NCHW uint8 {@code MaxPool} rather than the {@code NhwcMaxPool} of an all-int8 chain.
     */
    POOL_EDGE,
    /**
     * A group's row (its conv / dense shape or its {@link PassShape pass shape}): what the group, run in int8,
     * costs in ONNX Runtime beyond its time in the all-int8 export when an input arrives in float, per such input
     * (the QuantizeLinear and layout changes ORT runs for it, and a fusion it loses); may be 0.
     */
    EDGE_INT8,
    /** As {@link #EDGE_INT8} for the group run in fp32 with an input arriving in int8, against the all-fp32 export. */
    EDGE_FP32;

    /** Whether this is a precision-edge row of a whole group ({@link #EDGE_INT8} or {@link #EDGE_FP32}). */
    public boolean isPrecisionEdge() {
        return this == EDGE_INT8 || this == EDGE_FP32;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
