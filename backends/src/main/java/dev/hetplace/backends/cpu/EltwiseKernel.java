package dev.hetplace.backends.cpu;

import dev.hetplace.backends.quant.Requantize;
import dev.hetplace.ir.op.EltwiseKind;

/**
 * Element-wise add / sub / mul / div with NumPy broadcasting. In int8, add and sub align both operands to the
 * finer of their two scales by left shifts in int32 (as TVM's realize of add unifies scales), mul multiplies in
 * int32 at the product of the scales; the int32 result is then requantized to the output scale.
 */
public final class EltwiseKernel {
    private EltwiseKernel() {
    }

    public static FloatTensor fp32(EltwiseKind kind, FloatTensor a, FloatTensor b) {
        Broadcasting bc = new Broadcasting(a.shape(), b.shape());
        float[] x = a.data();
        float[] y = b.data();
        float[] out = new float[bc.out().elements()];
        bc.forEachRow((o, ao, as, bo, bs, len) -> {
            switch (kind) {
                case ADD -> {
                    for (int i = 0; i < len; i++) {
                        out[o + i] = x[ao + i * as] + y[bo + i * bs];
                    }
                }
                case SUB -> {
                    for (int i = 0; i < len; i++) {
                        out[o + i] = x[ao + i * as] - y[bo + i * bs];
                    }
                }
                case MUL -> {
                    for (int i = 0; i < len; i++) {
                        out[o + i] = x[ao + i * as] * y[bo + i * bs];
                    }
                }
                case DIV -> {
                    for (int i = 0; i < len; i++) {
                        out[o + i] = x[ao + i * as] / y[bo + i * bs];
                    }
                }
            }
        });
        return new FloatTensor(bc.out(), out);
    }

    /** int8 add, sub or mul; div has no integer form and is rejected. */
    public static Int8Tensor int8(EltwiseKind kind, Int8Tensor a, Int8Tensor b, int outLog2) {
        if (kind == EltwiseKind.DIV) {
            throw new IllegalArgumentException("div has no int8 kernel");
        }
        Broadcasting bc = new Broadcasting(a.shape(), b.shape());
        byte[] x = a.data();
        byte[] y = b.data();
        byte[] out = new byte[bc.out().elements()];
        int common = Math.min(a.scaleLog2(), b.scaleLog2());
        int shiftA = a.scaleLog2() - common;
        int shiftB = b.scaleLog2() - common;
        int shift = kind == EltwiseKind.MUL ? outLog2 - (a.scaleLog2() + b.scaleLog2()) : outLog2 - common;
        bc.forEachRow((o, ao, as, bo, bs, len) -> {
            for (int i = 0; i < len; i++) {
                long p = x[ao + i * as];
                long q = y[bo + i * bs];
                long r = switch (kind) {
                    case ADD -> (p << shiftA) + (q << shiftB);
                    case SUB -> (p << shiftA) - (q << shiftB);
                    default -> p * q;
                };
                out[o + i] = Requantize.requantize(saturate(r), shift);
            }
        });
        return new Int8Tensor(bc.out(), out, outLog2);
    }

    private static int saturate(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
