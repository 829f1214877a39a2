package dev.hetplace.planner.onnx;

/**
 * How an export stores int8 groups' activations. Both encode the same symmetric grid (scale s, 256 steps around
 * zero), so the numbers are the same; only the element type differs. {@code INT8}: int8, zero point 0, what
 * TensorRT requires. {@code UINT8}: uint8, zero point 128, what ONNX Runtime's x86 CPU provider runs as
 * QLinearConv (u8 activations, s8 weights) whatever the number of consumers of a quantized tensor; with int8 it
 * rewrites a Q/DQ pair to uint8 only when the Q has a single consumer and leaves the other convs in float.
 */
public enum ActivationEncoding {
    INT8("int8", OnnxTensors.INT8, (byte) 0),
    UINT8("uint8", OnnxTensors.UINT8, (byte) 128);

    private final String id;
    private final int elementType;
    private final byte zeroPoint;

    ActivationEncoding(String id, int elementType, byte zeroPoint) {
        this.id = id;
        this.elementType = elementType;
        this.zeroPoint = zeroPoint;
    }

    public String id() {
        return id;
    }

    int elementType() {
        return elementType;
    }

    byte zeroPoint() {
        return zeroPoint;
    }

    /** The zero point's value (0 or 128). */
    int zeroPointValue() {
        return Byte.toUnsignedInt(zeroPoint);
    }
}
