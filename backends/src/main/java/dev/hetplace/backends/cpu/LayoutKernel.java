package dev.hetplace.backends.cpu;

import dev.hetplace.backends.quant.Requantize;
import java.util.List;

/**
 * Data movement: concat, transpose, nearest upsampling and embedding lookup (reshape and flatten only relabel
 * the shape). Element types are handled alike by copying between {@code float[]} or {@code byte[]} arrays.
 */
public final class LayoutKernel {
    private LayoutKernel() {
    }

    public static FloatTensor concat(List<FloatTensor> ins, int axis) {
        Shape out = concatShape(ins.stream().map(FloatTensor::shape).toList(), axis);
        float[] data = new float[out.elements()];
        concatCopy(ins.stream().map(t -> (Object) t.data()).toList(),
                ins.stream().map(FloatTensor::shape).toList(), out, axis, data);
        return new FloatTensor(out, data);
    }

    /** int8 concat: each input requantized to the output scale (a shift), then copied. */
    public static Int8Tensor concatInt8(List<Int8Tensor> ins, int axis, int outLog2) {
        Shape out = concatShape(ins.stream().map(Int8Tensor::shape).toList(), axis);
        byte[] data = new byte[out.elements()];
        List<Object> arrays = ins.stream().map(t -> (Object) rescale(t, outLog2)).toList();
        concatCopy(arrays, ins.stream().map(Int8Tensor::shape).toList(), out, axis, data);
        return new Int8Tensor(out, data, outLog2);
    }

    /** The int8 codes of {@code t} at scale {@code 2^outLog2}. */
    public static byte[] rescale(Int8Tensor t, int outLog2) {
        int shift = outLog2 - t.scaleLog2();
        if (shift == 0) {
            return t.data();
        }
        byte[] r = new byte[t.data().length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Requantize.requantize(t.data()[i], shift);
        }
        return r;
    }

    private static Shape concatShape(List<Shape> shapes, int axis) {
        Shape first = shapes.get(0);
        int ax = axis < 0 ? axis + first.rank() : axis;
        int[] d = first.dims();
        int total = 0;
        for (Shape s : shapes) {
            if (s.rank() != first.rank()) {
                throw new IllegalArgumentException("concat inputs differ in rank: " + first + " and " + s);
            }
            for (int i = 0; i < s.rank(); i++) {
                if (i != ax && s.dim(i) != first.dim(i)) {
                    throw new IllegalArgumentException("concat inputs differ off axis " + ax + ": " + first + " and "
                            + s);
                }
            }
            total += s.dim(ax);
        }
        d[ax] = total;
        return Shape.of(d);
    }

    private static void concatCopy(List<Object> arrays, List<Shape> shapes, Shape out, int axis, Object dst) {
        int ax = axis < 0 ? axis + out.rank() : axis;
        int outer = out.product(0, ax);
        int inner = out.product(ax + 1, out.rank());
        int outRow = out.dim(ax) * inner;
        int at = 0;
        for (int t = 0; t < arrays.size(); t++) {
            int chunk = shapes.get(t).dim(ax) * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(arrays.get(t), o * chunk, dst, o * outRow + at, chunk);
            }
            at += chunk;
        }
    }

    public static FloatTensor transpose(FloatTensor in, List<Integer> perm) {
        float[] out = new float[in.data().length];
        Shape os = permute(in.shape(), perm, (src, dst) -> out[dst] = in.data()[src]);
        return new FloatTensor(os, out);
    }

    public static Int8Tensor transpose(Int8Tensor in, List<Integer> perm) {
        byte[] out = new byte[in.data().length];
        Shape os = permute(in.shape(), perm, (src, dst) -> out[dst] = in.data()[src]);
        return new Int8Tensor(os, out, in.scaleLog2());
    }

    private interface Move {
        void copy(int src, int dst);
    }

    private static Shape permute(Shape in, List<Integer> perm, Move move) {
        int rank = in.rank();
        if (perm.size() != rank) {
            throw new IllegalArgumentException("transpose permutation " + perm + " does not fit " + in);
        }
        int[] inStrides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            inStrides[i] = stride;
            stride *= in.dim(i);
        }
        int[] od = new int[rank];
        int[] srcStride = new int[rank];
        for (int i = 0; i < rank; i++) {
            od[i] = in.dim(perm.get(i));
            srcStride[i] = inStrides[perm.get(i)];
        }
        int total = in.elements();
        int[] idx = new int[rank];
        int src = 0;
        for (int dst = 0; dst < total; dst++) {
            move.copy(src, dst);
            for (int i = rank - 1; i >= 0; i--) {
                idx[i]++;
                src += srcStride[i];
                if (idx[i] < od[i]) {
                    break;
                }
                src -= srcStride[i] * idx[i];
                idx[i] = 0;
            }
        }
        return Shape.of(od);
    }

    public static FloatTensor upsampleNearest(FloatTensor in, int sh, int sw) {
        Shape s = in.shape();
        Shape os = Shape.of(s.dim(0), s.dim(1), s.dim(2) * sh, s.dim(3) * sw);
        float[] out = new float[os.elements()];
        upsample(s, sh, sw, (src, dst) -> out[dst] = in.data()[src]);
        return new FloatTensor(os, out);
    }

    public static Int8Tensor upsampleNearest(Int8Tensor in, int sh, int sw) {
        Shape s = in.shape();
        Shape os = Shape.of(s.dim(0), s.dim(1), s.dim(2) * sh, s.dim(3) * sw);
        byte[] out = new byte[os.elements()];
        upsample(s, sh, sw, (src, dst) -> out[dst] = in.data()[src]);
        return new Int8Tensor(os, out, in.scaleLog2());
    }

    private static void upsample(Shape s, int sh, int sw, Move move) {
        int planes = s.dim(0) * s.dim(1);
        int h = s.dim(2);
        int w = s.dim(3);
        int oh = h * sh;
        int ow = w * sw;
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    move.copy((p * h + y / sh) * w + x / sw, (p * oh + y) * ow + x);
                }
            }
        }
    }

    /** Rows of {@code table} ([vocab][dim]) picked by integer ids held as floats: [..] -> [.., dim]. */
    public static FloatTensor embedding(FloatTensor ids, float[] table, int vocab, int dim, String layer) {
        if (table.length != vocab * dim) {
            throw new IllegalArgumentException("embedding '" + layer + "' table has " + table.length
                    + " elements, expected " + vocab + "x" + dim);
        }
        float[] x = ids.data();
        float[] out = new float[x.length * dim];
        for (int i = 0; i < x.length; i++) {
            int id = (int) x[i];
            if (id != x[i] || id < 0 || id >= vocab) {
                throw new IllegalArgumentException("embedding '" + layer + "' got id " + x[i] + " at position " + i
                        + ", outside [0, " + vocab + ")");
            }
            System.arraycopy(table, id * dim, out, i * dim, dim);
        }
        int[] d = ids.shape().dims();
        int[] od = java.util.Arrays.copyOf(d, d.length + 1);
        od[d.length] = dim;
        return new FloatTensor(Shape.of(od), out);
    }
}
