package dev.hetplace.backends.vta;

/**
 * One vector ALU instruction applied to every accumulator entry of a tile: {@code opcode} with an immediate
 * operand, or with a second tensor held in the accumulator buffer ({@code tensorOperand}, e.g. the bias or
 * the other summand of a residual add). {@code purpose} says why it is there (bias, round, shift, saturate,
 * relu, clip).
 */
public record VtaAluStep(VtaAluOpcode opcode, boolean tensorOperand, String purpose) {

    public static VtaAluStep immediate(VtaAluOpcode op, String purpose) {
        return new VtaAluStep(op, false, purpose);
    }

    public static VtaAluStep tensor(VtaAluOpcode op, String purpose) {
        return new VtaAluStep(op, true, purpose);
    }
}
