package dev.hetplace.cost;

import dev.hetplace.backends.sensitivity.Sensitivities;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;

/**
 * Per-group noise measured by executing the model on calibration inputs ({@link Sensitivities}): what lowering the
 * group alone to a precision adds at the output. Asking for a precision that was not measured is a programming
 * error (measure every precision the platform's targets offer before building the table).
 */
public final class MeasuredNoise implements NoiseModel {
    private final Sensitivities sensitivities;

    public MeasuredNoise(Sensitivities sensitivities) {
        this.sensitivities = sensitivities;
    }

    public Sensitivities sensitivities() {
        return sensitivities;
    }

    @Override
    public long noisePpb(GroupedGraph graph, Group group, Precision precision) {
        return sensitivities.noisePpb(group.id(), precision).orElseThrow(() -> new IllegalStateException(
                "no measured sensitivity of group " + group.ref() + " ('" + group.name() + "') at "
                        + precision.id() + " (measured: " + sensitivities.precisions() + ")"));
    }

    @Override
    public boolean measured() {
        return true;
    }

    @Override
    public String describe() {
        return "measured on " + sensitivities.describe();
    }
}
