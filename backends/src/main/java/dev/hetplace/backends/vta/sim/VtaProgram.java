package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.hw.VtaConfig;
import java.util.List;

/**
 * A group lowered to VTA: the instruction stream (ending in FINISH), the uop image in DRAM that its UOP loads
 * read ({@code dram_base} of a LOAD UOP indexes {@code uops}), the DRAM layout of its tensors, and the plan and
 * immediates it was lowered from.
 */
public record VtaProgram(String group, VtaPlan plan, VtaAluImmediates immediates, List<VtaInstruction> instructions,
                         List<VtaUop> uops, VtaDramLayout dram) {

    public VtaProgram {
        instructions = List.copyOf(instructions);
        uops = List.copyOf(uops);
    }

    public VtaConfig config() {
        return plan.config();
    }

    /** The same program with instruction {@code index} replaced (e.g. a dependency flag dropped, for tests). */
    public VtaProgram with(int index, VtaInstruction insn) {
        List<VtaInstruction> copy = new java.util.ArrayList<>(instructions);
        copy.set(index, insn);
        return new VtaProgram(group, plan, immediates, copy, uops, dram);
    }

    /** The stream one instruction a line, numbered. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < instructions.size(); i++) {
            sb.append(i).append(": ").append(instructions.get(i).describe()).append('\n');
        }
        return sb.toString();
    }
}
