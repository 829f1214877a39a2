package dev.hetplace.planner.cli;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.planner.numerics.RunNumerics;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.onnx.OnnxFiles;
import dev.hetplace.planner.onnx.PlanExport;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.validate.PlanValidator;
import java.nio.file.Path;
import java.util.List;

/** {@code --export onnx --out FILE}: the chosen plan as ONNX files, with the run's weights and calibration. */
final class OnnxPlanFiles {
    private OnnxPlanFiles() {
    }

    /** The plan of {@code r}, over the model its run executed or else the one {@code ahead} prepared. */
    static List<Path> write(PlacementResult r, CalibrationAhead ahead, Path out, ActivationEncoding activations) {
        var table = r.problem().table();
        CalibratedModel model = r.executed() != null ? r.executed()
                : ahead.calibrated(() -> RunNumerics.calibrated(r.spec().execution(), table.graph(), Parallel.common()));
        return write(model, PlanValidator.executionPlan(r.plan(), table.platform()), table.platform().name(), out,
                activations);
    }

    /** A plan on {@code platform} over {@code model}, written atomically to {@code out} (and its partitions). */
    static List<Path> write(CalibratedModel model, ExecutionPlan plan, String platform, Path out,
                            ActivationEncoding activations) {
        return OnnxFiles.write(out, PlanExport.of(model, plan, activations, "plan on " + platform,
                PlaceFlags.WORDING));
    }
}
