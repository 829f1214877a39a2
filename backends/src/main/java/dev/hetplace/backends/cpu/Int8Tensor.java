package dev.hetplace.backends.cpu;

import dev.hetplace.backends.quant.Requantize;

/**
 * An int8 tensor with a power-of-two scale: element {@code i} stands for {@code data[i] * 2^scaleLog2}
 * (TVM's global scale 8.0 is {@code scaleLog2 = -4}). The array is owned by the tensor once built.
 */
public record Int8Tensor(Shape shape, byte[] data, int scaleLog2) {
    public Int8Tensor {
        if (data.length != shape.elements()) {
            throw new IllegalArgumentException("data of " + data.length + " elements for shape " + shape);
        }
    }

    public Int8Tensor reshape(Shape to) {
        return new Int8Tensor(to, data, scaleLog2);
    }

    public FloatTensor dequantize() {
        float[] out = new float[data.length];
        float scale = Requantize.scale(scaleLog2);
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] * scale;
        }
        return new FloatTensor(shape, out);
    }

    public static Int8Tensor quantize(FloatTensor t, int scaleLog2) {
        byte[] q = new byte[t.data().length];
        float[] x = t.data();
        for (int i = 0; i < q.length; i++) {
            q[i] = Requantize.quantize(x[i], scaleLog2);
        }
        return new Int8Tensor(t.shape(), q, scaleLog2);
    }
}
