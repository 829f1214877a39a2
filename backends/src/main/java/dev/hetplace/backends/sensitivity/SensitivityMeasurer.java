package dev.hetplace.backends.sensitivity;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.hw.Precision;
import java.util.List;

/** How the sensitivities a {@link SensitivityCache} lacks are measured: with whose numerics, named by {@link #describe}. */
public interface SensitivityMeasurer {
    /** The project's Java kernels ({@link SensitivityAnalysis}). */
    SensitivityMeasurer JAVA_KERNELS = new SensitivityMeasurer() {
        @Override
        public Sensitivities measure(CalibratedModel model, List<Precision> precisions, Parallel par,
                                     SensitivityProgress progress) {
            return new SensitivityAnalysis(model, par).measure(precisions, progress);
        }
    };

    /** Every group's noise at each of {@code precisions}, with progress. */
    Sensitivities measure(CalibratedModel model, List<Precision> precisions, Parallel par,
                          SensitivityProgress progress);

    /** The numerics the figures were measured with, as reports print them. */
    default String describe(CalibratedModel model) {
        return model.describe();
    }
}
