package dev.hetplace.cost.calibration;

import dev.hetplace.backends.measure.LayerShape;
import java.util.Locale;

/**
 * The shape of one conv2d or dense (GEMM-like) kernel as the measurement tables describe it: batch, input
 * channels and extent, output channels, kernel, stride, symmetric padding, groups and output extent. A dense
 * layer is {@code op = dense} with {@code cin} input features, {@code cout} units and 1x1 extents; {@code batch}
 * counts its rows (batch times any leading axes).
 */
public record KernelShape(String op, int batch, int cin, int h, int w, int cout, int kh, int kw, int stride, int pad,
                          int groups, int oh, int ow) {

    public static final String CONV2D = "conv2d";
    public static final String DENSE = "dense";

    public static KernelShape dense(int rows, int inFeatures, int units) {
        return new KernelShape(DENSE, rows, inFeatures, 1, 1, units, 1, 1, 1, 0, 1, 1, 1);
    }

    /** A measurement table's layer shape {@code s} at {@code batch}. */
    public static KernelShape of(LayerShape s, int batch) {
        return new KernelShape(s.op(), batch, s.cin(), s.h(), s.w(), s.cout(), s.kh(), s.kw(), s.stride(), s.pad(),
                s.groups(), s.oh(), s.ow());
    }

    public KernelShape withBatch(int b) {
        return new KernelShape(op, b, cin, h, w, cout, kh, kw, stride, pad, groups, oh, ow);
    }

    public KernelShape withInputChannels(int c) {
        return new KernelShape(op, batch, c, h, w, cout, kh, kw, stride, pad, groups, oh, ow);
    }

    public boolean depthwise() {
        return groups > 1 && groups == cin;
    }

    /** Multiply-accumulates of the whole kernel. */
    public long macs() {
        return (long) batch * cout * oh * ow * (cin / groups) * kh * kw;
    }

    /** Reduction length of the implicit GEMM: input channels per group times kernel area. */
    public long reduction() {
        return (long) (cin / groups) * kh * kw;
    }

    /** Rows of the implicit GEMM: batch times output positions. */
    public long gemmRows() {
        return (long) batch * oh * ow;
    }

    public long inputElements() {
        return (long) batch * cin * h * w;
    }

    public long outputElements() {
        return (long) batch * cout * oh * ow;
    }

    public long weightElements() {
        return (long) cout * (cin / groups) * kh * kw;
    }

    /** Bytes read and written (input, weights, output) at {@code bytesPerElement}. */
    public long bytes(int bytesPerElement) {
        return (inputElements() + weightElements() + outputElements()) * bytesPerElement;
    }

    /** The shape without its batch, as a stable text key, e.g. {@code conv2d 64x56x56 -> 128 3x3 s2 p1 g1}. */
    public String geometry() {
        return String.format(Locale.ROOT, "%s %dx%dx%d -> %d %dx%d s%d p%d g%d", op, cin, h, w, cout, kh, kw, stride,
                pad, groups);
    }

    @Override
    public String toString() {
        return geometry() + " b" + batch;
    }
}
