package dev.hetplace.backends.vta.sim;

/**
 * The immediates of a group's ALU steps: the requantization shift ({@code round} adds {@code 2^(shift-1)},
 * {@code shift} shifts right by it: TVM's round_for_shift; a shift of 0 or less adds 0 and shifts left, where VTA
 * wraps on overflow), and the int8 bounds of a fused ReLU6 / clip.
 */
public record VtaAluImmediates(int shift, int clipLow, int clipHigh) {
    /** VTA's ALU immediate field is 16 bits, signed. */
    public static final int MIN_IMM = -(1 << 15);
    public static final int MAX_IMM = (1 << 15) - 1;

    /** A shift of 8 (int8 x int8 products at scale 2^-8 back to int8) and a clip to [0, 127]: for timing. */
    public static final VtaAluImmediates DEFAULT = new VtaAluImmediates(8, 0, 127);

    public VtaAluImmediates {
        if (clipLow > clipHigh) {
            throw new IllegalArgumentException("clip bounds [" + clipLow + ", " + clipHigh + "] are empty");
        }
    }

    /** The rounding addend of round_for_shift: {@code 2^(shift-1)} for a positive shift, else 0. */
    public long roundAddend() {
        return shift > 0 ? 1L << (shift - 1) : 0;
    }
}
