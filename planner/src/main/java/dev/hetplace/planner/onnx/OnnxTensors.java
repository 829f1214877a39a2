package dev.hetplace.planner.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.hetplace.backends.cpu.FloatRounding;
import dev.hetplace.hw.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * ONNX element type codes and initializers built from Java arrays (little-endian raw data). The raw data wraps the
 * bytes it is built from without copying them: a byte array handed to {@link #bytes} must not change afterwards.
 */
final class OnnxTensors {
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int FLOAT16 = 10;
    static final int BFLOAT16 = 16;

    private OnnxTensors() {
    }

    /** The element type a float precision computes in: tf32 keeps fp32 storage (the precision is in metadata). */
    static int floatType(Precision p) {
        return switch (p) {
            case FP16 -> FLOAT16;
            case BF16 -> BFLOAT16;
            case FP32, TF32, INT8 -> FLOAT;
        };
    }

    static String typeName(int type) {
        return switch (type) {
            case FLOAT -> "fp32";
            case FLOAT16 -> "fp16";
            case BFLOAT16 -> "bf16";
            case INT8 -> "int8";
            case UINT8 -> "uint8";
            case INT32 -> "int32";
            case INT64 -> "int64";
            default -> "type" + type;
        };
    }

    /** Float values stored as {@code type} (fp32, fp16 or bf16, rounded to nearest even). */
    static TensorProto floats(String name, List<Integer> dims, float[] v, int type) {
        return raw(name, dims, type, floatBytes(v, type));
    }

    /** The raw little-endian bytes of float values stored as {@code type} (fp32, fp16 or bf16). */
    static ByteString floatBytes(float[] v, int type) {
        ByteBuffer b;
        if (type == FLOAT) {
            b = buffer(v.length * 4);
            b.asFloatBuffer().put(v);
        } else {
            b = buffer(v.length * 2);
            for (float x : v) {
                b.putShort(type == FLOAT16 ? halfBits(x) : bf16Bits(x));
            }
        }
        return UnsafeByteOperations.unsafeWrap(b.array());
    }

    static TensorProto int8(String name, List<Integer> dims, byte[] v) {
        return bytes(name, dims, INT8, v);
    }

    /** One-byte elements ({@code INT8} or {@code UINT8}) from their bits; the tensor keeps {@code v}, unchanged. */
    static TensorProto bytes(String name, List<Integer> dims, int type, byte[] v) {
        return raw(name, dims, type, UnsafeByteOperations.unsafeWrap(v));
    }

    static TensorProto int32(String name, List<Integer> dims, int[] v) {
        ByteBuffer b = buffer(v.length * 4);
        for (int x : v) {
            b.putInt(x);
        }
        return raw(name, dims, INT32, UnsafeByteOperations.unsafeWrap(b.array()));
    }

    static TensorProto int64(String name, List<Integer> dims, long[] v) {
        ByteBuffer b = buffer(v.length * 8);
        for (long x : v) {
            b.putLong(x);
        }
        return raw(name, dims, INT64, UnsafeByteOperations.unsafeWrap(b.array()));
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A tensor of {@code type} whose raw_data is {@code data}. */
    static TensorProto raw(String name, List<Integer> dims, int type, ByteString data) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type);
        dims.forEach(d -> t.addDims(d));
        return t.setRawData(data).build();
    }

    /** IEEE half-precision bits of {@code x} rounded to nearest even (the project's fp16 rounding). */
    static short halfBits(float x) {
        float r = FloatRounding.round(Precision.FP16, x);
        int f = Float.floatToIntBits(r);
        int sign = (f >>> 16) & 0x8000;
        if (Float.isNaN(r)) {
            return (short) 0x7e00;
        }
        float a = Math.abs(r);
        if (Float.isInfinite(a) || a > 65504f) {
            return (short) (sign | 0x7c00);
        }
        if (a < 0x1p-14f) {
            return (short) (sign | Math.round(a * 0x1p24f));
        }
        int exp = ((f >>> 23) & 0xff) - 127 + 15;
        int mant = (f >>> 13) & 0x3ff;
        return (short) (sign | exp << 10 | mant);
    }

    /** bfloat16 bits: the upper half of the float rounded to nearest even. */
    static short bf16Bits(float x) {
        if (Float.isNaN(x)) {
            return (short) 0x7fc0;
        }
        float r = FloatRounding.round(Precision.BF16, x);
        return (short) (Float.floatToIntBits(r) >>> 16);
    }
}
