package dev.hetplace.backends.quant;

/**
 * Scales of one quantized multiply-accumulate layer (conv, dense, matmul), as log2 of the power-of-two scales:
 * its input, its weight (or second operand) and its output. The int32 accumulator has scale
 * {@code 2^(inputLog2 + weightLog2)}; the bias is quantized at that scale; {@link #shift()} is the
 * round_for_shift amount that brings the accumulator to the output scale.
 */
public record QuantParams(int inputLog2, int weightLog2, int outputLog2) {

    public int accumulatorLog2() {
        return inputLog2 + weightLog2;
    }

    /** Right-shift amount (negative: left shift) from the accumulator to the output. */
    public int shift() {
        return outputLog2 - accumulatorLog2();
    }
}
