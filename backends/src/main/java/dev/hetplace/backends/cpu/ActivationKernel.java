package dev.hetplace.backends.cpu;

import dev.hetplace.backends.quant.Requantize;
import dev.hetplace.ir.op.Activation;

/**
 * Element-wise activations. In int8, ReLU is {@code max(q, 0)} and ReLU6 / clip clamp to the quantized bounds
 * (exact, no float), then requantize to the output scale; the smooth functions (sigmoid, tanh, GELU, ...) map
 * each of the 256 int8 codes through the float function once (a lookup table), which is what an integer
 * kernel with a table does.
 */
public final class ActivationKernel {
    private static final double SQRT_HALF = 0.7071067811865476;

    private ActivationKernel() {
    }

    public static float apply(Activation a, float x) {
        return switch (a.kind()) {
            case RELU -> Math.max(x, 0f);
            case RELU6 -> Math.min(Math.max(x, 0f), 6f);
            case CLIP -> (float) Math.min(Math.max(x, a.min()), a.max());
            case LEAKY_RELU -> x >= 0 ? x : (float) (a.alpha() * x);
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
            case HARD_SIGMOID -> (float) Math.min(1.0, Math.max(0.0, a.alpha() * x + 0.5));
            case HARD_SWISH -> (float) (x * Math.min(1.0, Math.max(0.0, x / 6.0 + 0.5)));
            case GELU -> (float) (0.5 * x * Erf.erfc(-x * SQRT_HALF));
            case TANH -> (float) Math.tanh(x);
        };
    }

    public static FloatTensor fp32(Activation a, FloatTensor in) {
        float[] x = in.data();
        float[] out = new float[x.length];
        switch (a.kind()) {
            case RELU -> {
                for (int i = 0; i < x.length; i++) {
                    out[i] = Math.max(x[i], 0f);
                }
            }
            default -> {
                for (int i = 0; i < x.length; i++) {
                    out[i] = apply(a, x[i]);
                }
            }
        }
        return new FloatTensor(in.shape(), out);
    }

    public static Int8Tensor int8(Activation a, Int8Tensor in, int outLog2) {
        byte[] x = in.data();
        byte[] out = new byte[x.length];
        int shift = outLog2 - in.scaleLog2();
        switch (a.kind()) {
            case RELU, RELU6, CLIP -> {
                int lo = a.kind() == dev.hetplace.ir.op.ActivationKind.RELU ? 0 : bound(a.min(), in.scaleLog2());
                int hi = a.kind() == dev.hetplace.ir.op.ActivationKind.RELU ? Requantize.INT8_MAX
                        : bound(a.max(), in.scaleLog2());
                for (int i = 0; i < x.length; i++) {
                    out[i] = Requantize.requantize(Math.min(Math.max(x[i], lo), hi), shift);
                }
            }
            default -> {
                byte[] table = new byte[256];
                float scale = Requantize.scale(in.scaleLog2());
                for (int q = -128; q < 128; q++) {
                    table[q + 128] = Requantize.quantize(apply(a, q * scale), outLog2);
                }
                for (int i = 0; i < x.length; i++) {
                    out[i] = table[x[i] + 128];
                }
            }
        }
        return new Int8Tensor(in.shape(), out, outLog2);
    }

    /** A clip bound in int8 codes of the input scale, saturated to the int8 range. */
    /** A ReLU6 / clip bound as the int8 code at scale {@code 2^log2} that the int8 kernel clamps to. */
    public static int bound(double v, int log2) {
        return Requantize.clip8(Requantize.roundToInt(Math.scalb(v, -log2)));
    }
}
