package dev.hetplace.backends.sensitivity;

import dev.hetplace.hw.Precision;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measured per-group sensitivity: for each precision, the noise-to-signal power (parts per billion of the fp32
 * output's power, summed over the calibration inputs) that lowering one group alone adds at the network output.
 * {@code describe} names the numerics it was measured with (weights, calibration, inputs).
 */
public record Sensitivities(Map<Precision, long[]> noisePpbByGroup, String describe) {

    public Sensitivities {
        EnumMap<Precision, long[]> copy = new EnumMap<>(Precision.class);
        noisePpbByGroup.forEach((p, v) -> copy.put(p, v.clone()));
        noisePpbByGroup = Collections.unmodifiableMap(copy);
    }

    /** The measured noise of a group at a precision; fp32 adds none; empty when not measured. */
    public Optional<Long> noisePpb(int group, Precision p) {
        if (p == Precision.FP32) {
            return Optional.of(0L);
        }
        long[] v = noisePpbByGroup.get(p);
        return v == null || group >= v.length ? Optional.empty() : Optional.of(v[group]);
    }

    public List<Precision> precisions() {
        return List.copyOf(noisePpbByGroup.keySet());
    }

    @Override
    public Map<Precision, long[]> noisePpbByGroup() {
        EnumMap<Precision, long[]> copy = new EnumMap<>(Precision.class);
        noisePpbByGroup.forEach((p, v) -> copy.put(p, v.clone()));
        return copy;
    }
}
