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
            throw new IllegalArgumentException("--replans must be 0 or more, got " + maxReplans);
        }
    }

    /** Automatic noise, the model's weights when it has them, TVM's global scale, 8 synthetic inputs, no validation. */
    public static ExecutionSettings defaults() {
        return new ExecutionSettings(NoiseMode.AUTO, WeightMode.AUTO, CalibrationMode.GLOBAL_SCALE, null,
                CalibratedModel.DEFAULT_INPUTS, false,
                ValidatedPlanning.DEFAULT_MAX_REPLANS, HetplaceCache.fromEnvironment(), SensitivityProgress.NONE,
                PlanExecution.CPU_KERNELS);
    }

    public ExecutionSettings withNoise(NoiseMode n) {
        return new ExecutionSettings(n, weights, calibration, inputs, inputCount, validate, maxReplans, cache, progress,
                planExecution);
    }

    public ExecutionSettings withWeights(WeightMode w) {
        return new ExecutionSettings(noise, w, calibration, inputs, inputCount, validate, maxReplans, cache, progress,
                planExecution);
    }

    public ExecutionSettings withCalibration(CalibrationMode c) {
        return new ExecutionSettings(noise, weights, c, inputs, inputCount, validate, maxReplans, cache, progress,
                planExecution);
    }

    public ExecutionSettings withInputs(Path dir) {
        return new ExecutionSettings(noise, weights, calibration, dir, inputCount, validate, maxReplans, cache,
                progress, planExecution);
    }

    public ExecutionSettings withInputCount(int n) {
        return new ExecutionSettings(noise, weights, calibration, inputs, n, validate, maxReplans, cache, progress,
                planExecution);
    }

    public ExecutionSettings withValidate(boolean v) {
        return new ExecutionSettings(noise, weights, calibration, inputs, inputCount, v, maxReplans, cache, progress,
                planExecution);
    }

    public ExecutionSettings withMaxReplans(int n) {
        return new ExecutionSettings(noise, weights, calibration, inputs, inputCount, validate, n, cache, progress,
                planExecution);
    }

    public ExecutionSettings withCache(HetplaceCache c) {
        return new ExecutionSettings(noise, weights, calibration, inputs, inputCount, validate, maxReplans, c, progress,
                planExecution);
    }

    public ExecutionSettings withProgress(SensitivityProgress p) {
        return new ExecutionSettings(noise, weights, calibration, inputs, inputCount, validate, maxReplans, cache, p,
                planExecution);
    }

    public ExecutionSettings withPlanExecution(PlanExecution e) {
        return new ExecutionSettings(noise, weights, calibration, inputs, inputCount, validate, maxReplans, cache,
                progress, e);
    }
}
