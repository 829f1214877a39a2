package dev.hetplace.planner.numerics;

import java.util.Locale;

/**
 * Where a run's per-group noise comes from ({@code --noise}): {@code measured} sensitivities (executing the model
 * on calibration inputs), the {@code estimate} from bit widths and fan-in, {@code onnxruntime} (measured like
 * {@code measured}, each group's export run in ONNX Runtime: {@link OrtSensitivity}), or {@code auto}: measured when
 * the plan depends on noise (an accuracy budget, or validation) and the model can execute, the estimate otherwise.
 */
public enum NoiseMode {
    MEASURED, ONNXRUNTIME, ESTIMATE, AUTO;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
