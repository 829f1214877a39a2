package dev.hetplace.backends.vta;

import java.util.ArrayList;
import java.util.List;

/**
 * The ALU instructions VTA runs after the GEMMs of a conv / dense tile, and for ALU-only groups, following TVM's
 * quantized graph: bias add in int32, requantize as {@code round_for_shift} (ADD 2^(s-1), SHR s), saturate to
 * int8 (MIN 127, MAX -128), then the fused activation (ReLU = MAX 0; ReLU6 / clip = MIN + MAX).
 */
public final class VtaEpilogues {
    private VtaEpilogues() {
    }

    /** The fused activation of a group, as VTA's ALU can run it. */
    public enum Activation { NONE, RELU, CLIP }

    public static List<VtaAluStep> afterGemm(boolean bias, Activation... activations) {
        List<VtaAluStep> steps = new ArrayList<>();
        if (bias) {
            steps.add(VtaAluStep.tensor(VtaAluOpcode.ADD, "bias"));
        }
        steps.add(VtaAluStep.immediate(VtaAluOpcode.ADD, "round"));
        steps.add(VtaAluStep.immediate(VtaAluOpcode.SHR, "shift"));
        saturateAndActivate(steps, activations);
        return List.copyOf(steps);
    }

    /** An element-wise sum of {@code summands} int8 tensors, saturated to int8, then the activations. */
    public static List<VtaAluStep> eltwiseAdd(int summands, Activation... activations) {
        List<VtaAluStep> steps = new ArrayList<>();
        for (int i = 1; i < summands; i++) {
            steps.add(VtaAluStep.tensor(VtaAluOpcode.ADD, "add"));
        }
        saturateAndActivate(steps, activations);
        return List.copyOf(steps);
    }

    /** Standalone activations on an int8 tensor (already in range: no saturation needed). */
    public static List<VtaAluStep> activationOnly(Activation... activations) {
        List<VtaAluStep> steps = new ArrayList<>();
        for (Activation a : activations) {
            activate(steps, a);
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("an activation-only ALU group needs an activation");
        }
        return List.copyOf(steps);
    }

    private static void saturateAndActivate(List<VtaAluStep> steps, Activation... activations) {
        steps.add(VtaAluStep.immediate(VtaAluOpcode.MIN, "saturate"));
        steps.add(VtaAluStep.immediate(VtaAluOpcode.MAX, "saturate"));
        for (Activation a : activations) {
            activate(steps, a);
        }
    }

    private static void activate(List<VtaAluStep> steps, Activation activation) {
        switch (activation) {
            case RELU -> steps.add(VtaAluStep.immediate(VtaAluOpcode.MAX, "relu"));
            case CLIP -> {
                steps.add(VtaAluStep.immediate(VtaAluOpcode.MIN, "clip"));
                steps.add(VtaAluStep.immediate(VtaAluOpcode.MAX, "clip"));
            }
            case NONE -> {
            }
        }
    }
}
