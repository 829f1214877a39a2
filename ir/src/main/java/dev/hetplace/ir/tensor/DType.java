package dev.hetplace.ir.tensor;

/** Element types of tensors; {@link #bytes()} is the storage size of one element. */
public enum DType {
    FP32(4), TF32(4), FP16(2), BF16(2), INT8(1), INT32(4), INT64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }
}
