package dev.hetplace.backends.vta;

/**
 * One vector ALU instruction applied to every accumulator entry of a tile: {@code opcode} with an immediate
 * operand, or with a second tensor held in the accumulator buffer ({@code tensorOperand}, e.g. the bias or
 * the other summand of a residual add). {@code purpose} says why it is there (bias, round, shift, saturate,
 * relu, clip, or {@value #FUSED_RESIDUAL}: the second summand of a residual add fused into a conv, one full
 * output tile DMA-loaded into the accumulator buffer beside the conv's).
 */
public record VtaAluStep(VtaAluOpcode opcode, boolean tensorOperand, String purpose) {
    public static final String FUSED_RESIDUAL = "fused residual";

    public static VtaAluStep immediate(VtaAluOpcode op, String purpose) {
        return new VtaAluStep(op, false, purpose);
    }

    public static VtaAluStep tensor(VtaAluOpcode op, String purpose) {
        return new VtaAluStep(op, true, purpose);
    }

    /** The ADD of a residual add fused into the conv before it: the other summand is a whole output tile. */
    public static VtaAluStep fusedResidual() {
        return new VtaAluStep(VtaAluOpcode.ADD, true, FUSED_RESIDUAL);
    }

    /** Whether the second operand is a full output tile of a fused residual add (not a per-channel vector). */
    public boolean tileOperand() {
        return tensorOperand && FUSED_RESIDUAL.equals(purpose);
    }
}
