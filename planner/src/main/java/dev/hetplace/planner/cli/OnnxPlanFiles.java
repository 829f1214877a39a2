package dev.hetplace.planner.cli;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.planner.PlacementResult;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.onnx.OnnxFiles;
import dev.hetplace.planner.onnx.PlanExport;
import dev.hetplace.planner.validate.PlanValidator;
import dev.hetplace.planner.validate.RunNumerics;
import java.nio.file.Path;
import java.util.List;

/** {@code --export onnx --out FILE}: the chosen plan as ONNX files, with the run's weights and calibration. */
final class OnnxPlanFiles {
    private OnnxPlanFiles() {
    }

    static List<Path> write(PlacementResult r, Path out, ActivationEncoding activations) {
        var table = r.problem().table();
        CalibratedModel model = r.executed() != null ? r.executed()
                : RunNumerics.calibrated(r.spec().execution(), table.graph(), Parallel.common());
        String what = "plan on " + table.platform().name();
        var plan = PlanValidator.executionPlan(r.plan(), table.platform());
        return OnnxFiles.write(out, PlanExport.of(model, plan, activations, what));
    }
}
