package dev.hetplace.planner.numerics;

import dev.hetplace.backends.cache.HetplaceCache;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.backends.sensitivity.SensitivityProgress;
import dev.hetplace.planner.validate.PlanExecution;
import dev.hetplace.planner.validate.ValidatedPlanning;
import java.nio.file.Path;

/**
 * How a run executes the model, for measured noise and validation: where the noise comes from, which weights
 * ({@code --weights}), how activations are calibrated ({@code --calibration}), the inputs ({@code --inputs DIR},
 * or {@code inputCount} seeded synthetic images when null), whether the chosen plan is validated, the cache of
 * sensitivities, where measuring progress goes, and how a plan executes (VTA groups included). {@code maxReplans}
 * ({@code --replans}) bounds how often validation may re-plan a plan that measures below {@code --min-sqnr}; 0 makes
 * validation a pure check.
 */
public record ExecutionSettings(NoiseMode noise, WeightMode weights, CalibrationMode calibration, Path inputs,
                                int inputCount, boolean validate, int maxReplans, HetplaceCache cache,
                                SensitivityProgress progress, PlanExecution planExecution) {

    public ExecutionSettings {
        if (inputCount < 1) {
            throw new IllegalArgumentException("calibration input count must be at least 1, got " + inputCount);
        }
        if (maxReplans < 0) {
            throw new IllegalArgumentException("the re-plan count must be 0 or more, got " + maxReplans);
        }
    }

    /** Automatic noise, the model's weights when it has them, TVM's global scale, 8 synthetic inputs, no validation. */
    public static ExecutionSettings defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the settings one at a time; {@link #build()} checks them and gives the immutable settings. */
    public static final class Builder {
        private NoiseMode noise = NoiseMode.AUTO;
        private WeightMode weights = WeightMode.AUTO;
        private CalibrationMode calibration = CalibrationMode.GLOBAL_SCALE;
        private Path inputs;
        private int inputCount = CalibratedModel.DEFAULT_INPUTS;
        private boolean validate;
        private int maxReplans = ValidatedPlanning.DEFAULT_MAX_REPLANS;
        private HetplaceCache cache = HetplaceCache.fromEnvironment();
        private SensitivityProgress progress = SensitivityProgress.NONE;
        private PlanExecution planExecution = PlanExecution.CPU_KERNELS;

        private Builder() {
        }

        public Builder noise(NoiseMode n) {
            noise = n;
            return this;
        }

        public Builder weights(WeightMode w) {
            weights = w;
            return this;
        }

        public Builder calibration(CalibrationMode c) {
            calibration = c;
            return this;
        }

        /** Calibration inputs from a directory; null: {@link #inputCount} seeded synthetic images. */
        public Builder inputs(Path dir) {
            inputs = dir;
            return this;
        }

        public Builder inputCount(int n) {
            inputCount = n;
            return this;
        }

        public Builder validate(boolean v) {
            validate = v;
            return this;
        }

        public Builder maxReplans(int n) {
            maxReplans = n;
            return this;
        }

        public Builder cache(HetplaceCache c) {
            cache = c;
            return this;
        }

        public Builder progress(SensitivityProgress p) {
            progress = p;
            return this;
        }

        public Builder planExecution(PlanExecution e) {
            planExecution = e;
            return this;
        }

        public ExecutionSettings build() {
            return new ExecutionSettings(noise, weights, calibration, inputs, inputCount, validate, maxReplans, cache,
                    progress, planExecution);
        }
    }
}
