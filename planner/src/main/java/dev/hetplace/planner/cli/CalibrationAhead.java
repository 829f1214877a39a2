package dev.hetplace.planner.cli;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.planner.numerics.RunNumerics;
import dev.hetplace.planner.run.ModelInput;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.run.RunInputs;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The inputs of a {@code place} run that exports ONNX: when planning does not execute the model itself (no measured
 * noise, no validation), the calibrated model the export needs (weights drawn, activation scales) is prepared on a
 * thread of its own while the cost table is built and the plan solved, instead of after them. The export then
 * takes it from {@link #calibrated}, which fails as the preparation failed.
 */
final class CalibrationAhead implements RunInputs {
    private ModelInput model;
    private CompletableFuture<CalibratedModel> ahead;

    @Override
    public ModelInput model(String source) {
        model = RunInputs.super.model(source);
        return model;
    }

    @Override
    public RunNumerics numerics(PlacementSpec spec, Supplier<RunNumerics> prepare) {
        RunNumerics numerics = prepare.get();
        if (numerics.model() == null) {
            ModelInput m = model;
            ahead = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    ahead.complete(RunNumerics.calibrated(spec.execution(), m.grouped(), Parallel.common()));
                } catch (RuntimeException | Error e) {
                    ahead.completeExceptionally(e);
                }
            }, "hetplace-export-calibration");
            t.setDaemon(true);
            t.start();
        }
        return numerics;
    }

    /** The model prepared ahead for this run; {@code orElse} when none was started. */
    CalibratedModel calibrated(Supplier<CalibratedModel> orElse) {
        if (ahead == null) {
            return orElse.get();
        }
        try {
            return ahead.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
