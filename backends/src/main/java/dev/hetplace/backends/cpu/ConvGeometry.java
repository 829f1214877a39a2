package dev.hetplace.backends.cpu;

import dev.hetplace.ir.op.Conv2d;

/** The index arithmetic of one conv2d over an NCHW input: extents, per-group sizes and im2col. */
record ConvGeometry(Conv2d op, int batch, int inChannels, int inH, int inW, int outH, int outW) {

    static ConvGeometry of(Conv2d op, Shape in) {
        if (in.rank() != 4) {
            throw new IllegalArgumentException("conv2d needs an NCHW input, got " + in);
        }
        int h = in.dim(2);
        int w = in.dim(3);
        int oh = extent(h, op.kernelH(), op.strideH(), op.dilationH(), op.padding().top() + op.padding().bottom());
        int ow = extent(w, op.kernelW(), op.strideW(), op.dilationW(), op.padding().left() + op.padding().right());
        if (in.dim(1) % op.groups() != 0) {
            throw new IllegalArgumentException("conv2d input channels " + in.dim(1) + " not divisible by groups "
                    + op.groups());
        }
        return new ConvGeometry(op, in.dim(0), in.dim(1), h, w, oh, ow);
    }

    private static int extent(int size, int k, int stride, int dilation, int pad) {
        int span = size + pad - (dilation * (k - 1) + 1);
        if (span < 0) {
            throw new IllegalArgumentException("conv2d kernel larger than padded input " + (size + pad));
        }
        return span / stride + 1;
    }

    Shape outShape() {
        return Shape.of(batch, op.outChannels(), outH, outW);
    }

    int groupInChannels() {
        return inChannels / op.groups();
    }

    int groupOutChannels() {
        return op.outChannels() / op.groups();
    }

    /** Rows of the im2col matrix (and columns of a weight row): input channels per group x kernel area. */
    int patch() {
        return groupInChannels() * op.kernelH() * op.kernelW();
    }

    int pixels() {
        return outH * outW;
    }

    int weightElements() {
        return op.outChannels() * patch();
    }

    /** A 1x1, stride-1, unpadded conv: its im2col matrix is its input's channels. */
    boolean pointwise() {
        return op.kernelH() == 1 && op.kernelW() == 1 && op.strideH() == 1 && op.strideW() == 1
                && op.padding().top() == 0 && op.padding().left() == 0 && op.padding().bottom() == 0
                && op.padding().right() == 0;
    }

    /** First output column whose input column {@code ox*sw - padLeft + kx*dw} is inside the input. */
    int firstCol(int kx) {
        int t = op.padding().left() - kx * op.dilationW();
        return t <= 0 ? 0 : Math.min(outW, (t + op.strideW() - 1) / op.strideW());
    }

    /** One past the last output column whose input column is inside the input. */
    int endCol(int kx) {
        int t = inW - 1 + op.padding().left() - kx * op.dilationW();
        return t < 0 ? 0 : Math.min(outW, t / op.strideW() + 1);
    }

    /**
     * Fills rows [r0, r1) of the im2col matrix (row = (c, ky, kx) of the group's channels, column = output
     * pixel, one array per row) from a float input; {@code col} rows must be zeroed where padding falls.
     */
    void im2col(float[] in, int inBase, float[][] col, int r0, int r1) {
        int kh = op.kernelH();
        int kw = op.kernelW();
        for (int r = r0; r < r1; r++) {
            int c = r / (kh * kw);
            int ky = (r / kw) % kh;
            int kx = r % kw;
            int lo = firstCol(kx);
            int hi = endCol(kx);
            int xOff = kx * op.dilationW() - op.padding().left();
            for (int oy = 0; oy < outH; oy++) {
                int iy = oy * op.strideH() - op.padding().top() + ky * op.dilationH();
                if (iy < 0 || iy >= inH || lo >= hi) {
                    continue;
                }
                int src = inBase + (c * inH + iy) * inW + xOff;
                int dst = oy * outW;
                int sw = op.strideW();
                float[] row = col[r];
                if (sw == 1) {
                    System.arraycopy(in, src + lo, row, dst + lo, hi - lo);
                } else {
                    for (int ox = lo; ox < hi; ox++) {
                        row[dst + ox] = in[src + ox * sw];
                    }
                }
            }
        }
    }

    /** As {@link #im2col(float[], int, float[][], int, int)} from an int8 input, its values held as floats. */
    void im2col(byte[] in, int inBase, float[][] col, int r0, int r1) {
        int kh = op.kernelH();
        int kw = op.kernelW();
        for (int r = r0; r < r1; r++) {
            int c = r / (kh * kw);
            int ky = (r / kw) % kh;
            int kx = r % kw;
            int lo = firstCol(kx);
            int hi = endCol(kx);
            int xOff = kx * op.dilationW() - op.padding().left();
            for (int oy = 0; oy < outH; oy++) {
                int iy = oy * op.strideH() - op.padding().top() + ky * op.dilationH();
                if (iy < 0 || iy >= inH || lo >= hi) {
                    continue;
                }
                int src = inBase + (c * inH + iy) * inW + xOff;
                int dst = oy * outW;
                int sw = op.strideW();
                float[] row = col[r];
                for (int ox = lo; ox < hi; ox++) {
                    row[dst + ox] = in[src + ox * sw];
                }
            }
        }
    }
}
