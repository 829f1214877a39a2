package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/**
 * Element-wise activation. {@code alpha} is the leaky-ReLU slope or hard-sigmoid slope; {@code min} /
 * {@code max} are the clip bounds (ReLU6 is clip to [0, 6]); unused fields are 0.
 */
public record Activation(ActivationKind kind, double alpha, double min, double max) implements Op {

    public static Activation of(ActivationKind kind) {
        return switch (kind) {
            case RELU6 -> new Activation(kind, 0, 0, 6);
            case LEAKY_RELU -> new Activation(kind, 0.01, 0, 0);
            case HARD_SIGMOID -> new Activation(kind, 0.2, 0, 0);
            default -> new Activation(kind, 0, 0, 0);
        };
    }

    public static Activation relu() {
        return of(ActivationKind.RELU);
    }

    public static Activation leakyRelu(double slope) {
        return new Activation(ActivationKind.LEAKY_RELU, slope, 0, 0);
    }

    public static Activation clip(double min, double max) {
        if (min == 0 && max == 6) {
            return of(ActivationKind.RELU6);
        }
        return new Activation(ActivationKind.CLIP, 0, min, max);
    }

    @Override
    public String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        Op.requireArity(this, inputs, 1);
        return inputs.get(0);
    }
}
