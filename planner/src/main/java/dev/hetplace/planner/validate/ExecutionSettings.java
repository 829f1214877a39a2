package dev.hetplace.planner.validate;

import dev.hetplace.backends.cache.HetplaceCache;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.backends.sensitivity.SensitivityProgress;
import java.nio.file.Path;

/**
 * How a run executes the model, for measured noise and validation: where the noise comes from, which weights
 * ({@code --weights}), how activations are calibrated ({@code --calibration}), the inputs ({@code --inputs DIR},
 * or {@code inputCount} seeded synthetic images when null), whether the chosen plan is validated, the cache of
 * sensitivities, where measuring progress goes, and how a plan executes (VTA groups included).
 */
public record ExecutionSettings(NoiseMode noise, WeightMode weights, CalibrationMode calibration, Path inputs,
                                int inputCount, boolean validate, HetplaceCache cache, SensitivityProgress progress,
                                PlanExecution planExecution) {

    public ExecutionSettings {
        if (inputCount < 1) {
            throw new IllegalArgumentException("calibration input count must be at least 1, got " + inputCount);
        }
    }

    /** Automatic noise, the model's weights when it has them, TVM's global scale, 8 synthetic inputs, no validation. */
    public static ExecutionSettings defaults() {
        return new ExecutionSettings(NoiseMode.AUTO, WeightMode.AUTO, CalibrationMode.GLOBAL_SCALE, null,
                CalibratedModel.DEFAULT_INPUTS, false, HetplaceCache.fromEnvironment(), SensitivityProgress.NONE,
                PlanExecution.CPU_KERNELS);
    }

    public ExecutionSettings withNoise(NoiseMode n) {
        return new ExecutionSettings(n, weights, calibration, inputs, inputCount, validate, cache, progress, planExecution);
    }

    public ExecutionSettings withWeights(WeightMode w) {
        return new ExecutionSettings(noise, w, calibration, inputs, inputCount, validate, cache, progress, planExecution);
    }

    public ExecutionSettings withCalibration(CalibrationMode c) {
        return new ExecutionSettings(noise, weights, c, inputs, inputCount, validate, cache, progress, planExecution);
    }

    public ExecutionSettings withInputs(Path dir) {
        return new ExecutionSettings(noise, weights, calibration, dir, inputCount, validate, cache, progress, planExecution);
    }

    public ExecutionSettings withInputCount(int n) {
        return new ExecutionSettings(noise, weights, calibration, inputs, n, validate, cache, progress, planExecution);
    }

    public ExecutionSettings withValidate(boolean v) {
        return new ExecutionSettings(noise, weights, calibration, inputs, inputCount, v, cache, progress, planExecution);
    }

    public ExecutionSettings withCache(HetplaceCache c) {
        return new ExecutionSettings(noise, weights, calibration, inputs, inputCount, validate, c, progress, planExecution);
    }

    public ExecutionSettings withProgress(SensitivityProgress p) {
        return new ExecutionSettings(noise, weights, calibration, inputs, inputCount, validate, cache, p, planExecution);
    }

    public ExecutionSettings withPlanExecution(PlanExecution e) {
        return new ExecutionSettings(noise, weights, calibration, inputs, inputCount, validate, cache, progress, e);
    }
}
