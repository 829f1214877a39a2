package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.hetplace.ir.tensor.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** ONNX element types and the decoding of {@code TensorProto} values. */
final class OnnxTypes {
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int UINT16 = 4;
    static final int INT16 = 5;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int STRING = 8;
    static final int BOOL = 9;
    static final int FLOAT16 = 10;
    static final int DOUBLE = 11;
    static final int UINT32 = 12;
    static final int UINT64 = 13;
    static final int BFLOAT16 = 16;

    private OnnxTypes() {
    }

    static boolean integral(int type) {
        return switch (type) {
            case UINT8, INT8, UINT16, INT16, INT32, INT64, BOOL, UINT32, UINT64 -> true;
            default -> false;
        };
    }

    /** The IR element type for an ONNX one; null for types hetplace does not represent (strings, complex). */
    static DType dtype(int type) {
        return switch (type) {
            case FLOAT, DOUBLE -> DType.FP32;
            case FLOAT16 -> DType.FP16;
            case BFLOAT16 -> DType.BF16;
            case UINT8, INT8, BOOL -> DType.INT8;
            case UINT16, INT16, INT32 -> DType.INT32;
            case INT64, UINT32, UINT64 -> DType.INT64;
            default -> null;
        };
    }

    /** An ONNX type code for an IR element type (used when a shape is read off an activation). */
    static int onnxType(DType dtype) {
        return switch (dtype) {
            case FP32, TF32 -> FLOAT;
            case FP16 -> FLOAT16;
            case BF16 -> BFLOAT16;
            case INT8 -> INT8;
            case INT32 -> INT32;
            case INT64 -> INT64;
        };
    }

    static List<Integer> dims(TensorProto t, String what) {
        List<Integer> dims = new ArrayList<>(t.getDimsCount());
        for (long d : t.getDimsList()) {
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalStateException(what + " has dimension " + d);
            }
            dims.add((int) d);
        }
        return dims;
    }

    /**
     * Decodes a tensor. Tensors whose data is absent (cleared, or stored externally) come back shape-only;
     * a tensor whose value count differs from its shape is reported as an {@link IllegalStateException}.
     */
    static ConstTensor decode(TensorProto t, boolean initializer, String what) {
        List<Integer> dims = dims(t, what);
        long expected = ConstTensor.elements(dims);
        double[] data = null;
        if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
            data = t.getRawData().isEmpty() ? typedData(t) : raw(t.getRawData(), t.getDataType(), what);
        }
        if (data != null && data.length == 0 && expected > 0) {
            data = null;
        }
        if (data != null && data.length != expected) {
            throw new IllegalStateException(what + " holds " + data.length + " values for shape " + dims);
        }
        return new ConstTensor(dims, t.getDataType(), data, initializer);
    }

    private static double[] typedData(TensorProto t) {
        int type = t.getDataType();
        switch (type) {
            case FLOAT: {
                double[] d = new double[t.getFloatDataCount()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = t.getFloatData(i);
                }
                return d;
            }
            case DOUBLE: {
                double[] d = new double[t.getDoubleDataCount()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = t.getDoubleData(i);
                }
                return d;
            }
            case INT64: {
                double[] d = new double[t.getInt64DataCount()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = t.getInt64Data(i);
                }
                return d;
            }
            case UINT32, UINT64: {
                double[] d = new double[t.getUint64DataCount()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = t.getUint64Data(i);
                }
                return d;
            }
            case UINT8, INT8, UINT16, INT16, INT32, BOOL, FLOAT16, BFLOAT16: {
                double[] d = new double[t.getInt32DataCount()];
                for (int i = 0; i < d.length; i++) {
                    int v = t.getInt32Data(i);
                    d[i] = type == FLOAT16 ? halfToFloat(v) : type == BFLOAT16 ? Float.intBitsToFloat(v << 16) : v;
                }
                return d;
            }
            default:
                return null;
        }
    }

    private static double[] raw(ByteString bytes, int type, String what) {
        ByteBuffer b = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int width = switch (type) {
            case UINT8, INT8, BOOL -> 1;
            case UINT16, INT16, FLOAT16, BFLOAT16 -> 2;
            case FLOAT, INT32, UINT32 -> 4;
            case DOUBLE, INT64, UINT64 -> 8;
            default -> 0;
        };
        if (width == 0) {
            return null;
        }
        if (b.remaining() % width != 0) {
            throw new IllegalStateException(what + " has " + b.remaining() + " raw bytes, not a multiple of " + width);
        }
        double[] d = new double[b.remaining() / width];
        for (int i = 0; i < d.length; i++) {
            d[i] = switch (type) {
                case UINT8 -> b.get() & 0xff;
                case INT8 -> b.get();
                case BOOL -> b.get() != 0 ? 1 : 0;
                case UINT16 -> b.getShort() & 0xffff;
                case INT16 -> b.getShort();
                case FLOAT16 -> halfToFloat(b.getShort());
                case BFLOAT16 -> Float.intBitsToFloat((b.getShort() & 0xffff) << 16);
                case FLOAT -> b.getFloat();
                case INT32 -> b.getInt();
                case UINT32 -> b.getInt() & 0xffffffffL;
                case DOUBLE -> b.getDouble();
                default -> b.getLong();
            };
        }
        return d;
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant / 1024f / 16384f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
