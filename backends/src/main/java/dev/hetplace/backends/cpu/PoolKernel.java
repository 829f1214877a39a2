package dev.hetplace.backends.cpu;

import dev.hetplace.backends.quant.Requantize;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.tensor.DType;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/**
 * Max / average pooling over NCHW with PyTorch's window rules: a window spans {@code [o*s - padBegin,
 * min(o*s - padBegin + k, size + padEnd))}; average counts that span when {@code countIncludePad}, else only its
 * part inside the input; max ignores padding. int8 average sums in int32 and divides truncating toward zero
 * (TVM's integer pool), keeping the input scale before requantizing to the output's.
 */
public final class PoolKernel {
    private PoolKernel() {
    }

    public static FloatTensor fp32(Pool op, FloatTensor in, Parallel par) {
        Shape os = outShape(op, in.shape());
        float[] x = in.data();
        float[] out = new float[os.elements()];
        forEachWindow(op, in.shape(), os, par, (plane, o, y0, y1, x0, x1, count) -> {
            int base = plane * in.shape().dim(2) * in.shape().dim(3);
            int w = in.shape().dim(3);
            if (op.kind() == PoolKind.MAX) {
                float m = Float.NEGATIVE_INFINITY;
                for (int y = y0; y < y1; y++) {
                    for (int xx = x0; xx < x1; xx++) {
                        m = Math.max(m, x[base + y * w + xx]);
                    }
                }
                out[o] = m;
            } else {
                float s = 0;
                for (int y = y0; y < y1; y++) {
                    for (int xx = x0; xx < x1; xx++) {
                        s += x[base + y * w + xx];
                    }
                }
                out[o] = s / count;
            }
        });
        return new FloatTensor(os, out);
    }

    public static Int8Tensor int8(Pool op, Int8Tensor in, int outLog2, Parallel par) {
        Shape os = outShape(op, in.shape());
        byte[] x = in.data();
        byte[] out = new byte[os.elements()];
        int shift = outLog2 - in.scaleLog2();
        forEachWindow(op, in.shape(), os, par, (plane, o, y0, y1, x0, x1, count) -> {
            int base = plane * in.shape().dim(2) * in.shape().dim(3);
            int w = in.shape().dim(3);
            int v;
            if (op.kind() == PoolKind.MAX) {
                v = Integer.MIN_VALUE;
                for (int y = y0; y < y1; y++) {
                    for (int xx = x0; xx < x1; xx++) {
                        v = Math.max(v, x[base + y * w + xx]);
                    }
                }
            } else {
                int s = 0;
                for (int y = y0; y < y1; y++) {
                    for (int xx = x0; xx < x1; xx++) {
                        s += x[base + y * w + xx];
                    }
                }
                v = s / count;
            }
            out[o] = Requantize.requantize(v, shift);
        });
        return new Int8Tensor(os, out, outLog2);
    }

    public static FloatTensor globalFp32(GlobalPool op, FloatTensor in) {
        int planes = in.shape().dim(0) * in.shape().dim(1);
        int area = in.shape().dim(2) * in.shape().dim(3);
        float[] x = in.data();
        float[] out = new float[planes];
        for (int p = 0; p < planes; p++) {
            if (op.kind() == PoolKind.MAX) {
                float m = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < area; i++) {
                    m = Math.max(m, x[p * area + i]);
                }
                out[p] = m;
            } else {
                float s = 0;
                for (int i = 0; i < area; i++) {
                    s += x[p * area + i];
                }
                out[p] = s / area;
            }
        }
        return new FloatTensor(Shape.of(in.shape().dim(0), in.shape().dim(1), 1, 1), out);
    }

    public static Int8Tensor globalInt8(GlobalPool op, Int8Tensor in, int outLog2) {
        int planes = in.shape().dim(0) * in.shape().dim(1);
        int area = in.shape().dim(2) * in.shape().dim(3);
        byte[] x = in.data();
        byte[] out = new byte[planes];
        int shift = outLog2 - in.scaleLog2();
        for (int p = 0; p < planes; p++) {
            int v;
            if (op.kind() == PoolKind.MAX) {
                v = Integer.MIN_VALUE;
                for (int i = 0; i < area; i++) {
                    v = Math.max(v, x[p * area + i]);
                }
            } else {
                int s = 0;
                for (int i = 0; i < area; i++) {
                    s += x[p * area + i];
                }
                v = s / area;
            }
            out[p] = Requantize.requantize(v, shift);
        }
        return new Int8Tensor(Shape.of(in.shape().dim(0), in.shape().dim(1), 1, 1), out, outLog2);
    }

    static Shape outShape(Pool op, Shape in) {
        return Shape.of(op.infer(List.of(new TensorType(
                java.util.Arrays.stream(in.dims()).boxed().toList(), DType.FP32))));
    }

    /** One output element: its plane (n*C + c), its flat index, its clamped window and its divisor. */
    private interface Window {
        void visit(int plane, int o, int y0, int y1, int x0, int x1, int count);
    }

    private static void forEachWindow(Pool op, Shape in, Shape out, Parallel par, Window body) {
        int h = in.dim(2);
        int w = in.dim(3);
        int oh = out.dim(2);
        int ow = out.dim(3);
        int planes = in.dim(0) * in.dim(1);
        par.forRanges(planes, 4, (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                for (int oy = 0; oy < oh; oy++) {
                    int ys = oy * op.strideH() - op.padding().top();
                    int ye = Math.min(ys + op.kernelH(), h + op.padding().bottom());
                    int y0 = Math.max(ys, 0);
                    int y1 = Math.min(ye, h);
                    for (int ox = 0; ox < ow; ox++) {
                        int xs = ox * op.strideW() - op.padding().left();
                        int xe = Math.min(xs + op.kernelW(), w + op.padding().right());
                        int x0 = Math.max(xs, 0);
                        int x1 = Math.min(xe, w);
                        int count = op.countIncludePad() ? (ye - ys) * (xe - xs) : (y1 - y0) * (x1 - x0);
                        body.visit(p, (p * oh + oy) * ow + ox, y0, y1, x0, x1, Math.max(count, 1));
                    }
                }
            }
        });
    }
}
