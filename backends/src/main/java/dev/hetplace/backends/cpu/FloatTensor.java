package dev.hetplace.backends.cpu;

/**
 * A float tensor: row-major {@code data} of {@code shape}. The array is owned by the tensor once built and is
 * not copied (kernels allocate a fresh one per result); do not modify it afterwards.
 */
public record FloatTensor(Shape shape, float[] data) {
    public FloatTensor {
        if (data.length != shape.elements()) {
            throw new IllegalArgumentException("data of " + data.length + " elements for shape " + shape);
        }
    }

    public static FloatTensor zeros(Shape shape) {
        return new FloatTensor(shape, new float[shape.elements()]);
    }

    public FloatTensor reshape(Shape to) {
        return new FloatTensor(to, data);
    }
}
