package dev.hetplace.backends.measure;

/**
 * The logical shape of a measured conv-like layer at batch 1 (batch is a separate measurement key): op
 * ({@code conv2d}, {@code dense}, {@code conv2d_transpose}, {@code max_pool2d}: channels in and out, groups = channels), input channels and spatial size, output channels,
 * kernel, stride, padding, groups and output size. A dense layer is {@code cin -> cout} with every spatial field 1
 * and pad 0. Where a source gives different height and width strides or paddings (AutoTVM's 3x1 kernels), these
 * fields hold the height ones; {@code oh}/{@code ow} stay exact.
 */
public record LayerShape(String op, int cin, int h, int w, int cout, int kh, int kw, int stride, int pad, int groups,
                         int oh, int ow) {
    /** The op of a max pool's shape. */
    public static final String MAX_POOL = "max_pool2d";

    public LayerShape {
        if (op == null || op.isBlank()) {
            throw new IllegalArgumentException("a layer shape needs an op");
        }
        if (cin < 1 || h < 1 || w < 1 || cout < 1 || kh < 1 || kw < 1 || stride < 1 || groups < 1 || oh < 1
                || ow < 1 || pad < 0) {
            throw new IllegalArgumentException("layer shape " + describe(op, cin, h, w, cout, kh, kw, stride, pad,
                    groups) + " has a non-positive size");
        }
        if (cin % groups != 0 || cout % groups != 0) {
            throw new IllegalArgumentException("layer shape " + describe(op, cin, h, w, cout, kh, kw, stride, pad,
                    groups) + ": groups must divide both channel counts");
        }
    }

    /** A conv2d with symmetric padding; the output size follows. */
    public static LayerShape conv2d(int cin, int h, int w, int cout, int kh, int kw, int stride, int pad,
                                    int groups) {
        return new LayerShape("conv2d", cin, h, w, cout, kh, kw, stride, pad, groups,
                (h + 2 * pad - kh) / stride + 1, (w + 2 * pad - kw) / stride + 1);
    }

    /**
     * A max pool over {@code c} channels (groups = channels, so {@link #macs()} counts window elements), its output
     * size as the model has it (a ceil-mode pool rounds up).
     */
    public static LayerShape maxPool2d(int c, int h, int w, int kh, int kw, int stride, int pad, int oh, int ow) {
        return new LayerShape(MAX_POOL, c, h, w, c, kh, kw, stride, pad, c, oh, ow);
    }

    public static LayerShape dense(int in, int out) {
        return new LayerShape("dense", in, 1, 1, out, 1, 1, 1, 0, 1, 1, 1);
    }

    /** Multiply-accumulates at batch 1. */
    public long macs() {
        return (long) cout * oh * ow * (cin / groups) * kh * kw;
    }

    /** Elements of the input tensor at batch 1. */
    public long inputElements() {
        return (long) cin * h * w;
    }

    /** Elements of the output tensor at batch 1. */
    public long outputElements() {
        return (long) cout * oh * ow;
    }

    @Override
    public String toString() {
        return describe(op, cin, h, w, cout, kh, kw, stride, pad, groups) + " -> " + oh + "x" + ow;
    }

    private static String describe(String op, int cin, int h, int w, int cout, int kh, int kw, int stride, int pad,
                                   int groups) {
        return op + " " + cin + "x" + h + "x" + w + " -> " + cout + ", " + kh + "x" + kw + " s" + stride + " p" + pad
                + (groups != 1 ? " g" + groups : "");
    }
}
