package dev.hetplace.backends.cpu;

/**
 * Inference batch normalization over axis 1 ({@code (x - mean) / sqrt(var + eps) * scale + bias}) and layer
 * normalization over the last axis (biased variance, as PyTorch and ONNX). Statistics in double.
 */
public final class NormKernel {
    private NormKernel() {
    }

    public static FloatTensor batchNorm(FloatTensor in, float[] scale, float[] bias, float[] mean, float[] var,
                                        double eps) {
        Shape s = in.shape();
        int c = s.dim(1);
        for (float[] p : new float[][] {scale, bias, mean, var}) {
            if (p.length != c) {
                throw new IllegalArgumentException("batch_norm parameter of " + p.length + " elements for " + c
                        + " channels");
            }
        }
        int inner = s.product(2, s.rank());
        int batch = s.dim(0);
        float[] x = in.data();
        float[] out = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            double a = scale[ch] / Math.sqrt(var[ch] + eps);
            double b = bias[ch] - mean[ch] * a;
            for (int n = 0; n < batch; n++) {
                int base = (n * c + ch) * inner;
                for (int i = 0; i < inner; i++) {
                    out[base + i] = (float) (x[base + i] * a + b);
                }
            }
        }
        return new FloatTensor(s, out);
    }

    public static FloatTensor layerNorm(FloatTensor in, float[] scale, float[] bias, double eps) {
        int d = in.shape().dim(-1);
        if (scale.length != d || bias.length != d) {
            throw new IllegalArgumentException("layer_norm parameters of " + scale.length + " and " + bias.length
                    + " elements for a last axis of " + d);
        }
        float[] x = in.data();
        float[] out = new float[x.length];
        for (int base = 0; base < x.length; base += d) {
            double sum = 0;
            for (int i = 0; i < d; i++) {
                sum += x[base + i];
            }
            double mean = sum / d;
            double sq = 0;
            for (int i = 0; i < d; i++) {
                double t = x[base + i] - mean;
                sq += t * t;
            }
            double inv = 1.0 / Math.sqrt(sq / d + eps);
            for (int i = 0; i < d; i++) {
                out[base + i] = (float) ((x[base + i] - mean) * inv * scale[i] + bias[i]);
            }
        }
        return new FloatTensor(in.shape(), out);
    }

    public static FloatTensor softmax(FloatTensor in, int axis) {
        Shape s = in.shape();
        int ax = axis < 0 ? axis + s.rank() : axis;
        int outer = s.product(0, ax);
        int n = s.dim(ax);
        int inner = s.product(ax + 1, s.rank());
        float[] x = in.data();
        float[] out = new float[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, x[base + k * inner]);
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += Math.exp(x[base + k * inner] - max);
                }
                for (int k = 0; k < n; k++) {
                    out[base + k * inner] = (float) (Math.exp(x[base + k * inner] - max) / sum);
                }
            }
        }
        return new FloatTensor(s, out);
    }
}
