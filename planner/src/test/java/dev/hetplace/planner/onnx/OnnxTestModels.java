package dev.hetplace.planner.onnx;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.run.ModelInput;
import java.util.List;

/** Calibrated models and ORT runs of their exports, for the export tests. */
final class OnnxTestModels {
    private OnnxTestModels() {
    }

    /** A model with its own weights or synthetic ones (seed 1), max-calibrated on {@code inputs} seeded images. */
    static CalibratedModel calibrated(String model, int inputs) {
        ModelInput m = ModelInput.load(model);
        CalibrationInputs in = CalibrationInputs.synthetic(m.graph(), inputs, CalibratedModel.DEFAULT_SEED);
        return CalibratedModel.prepare(m.grouped(), WeightMode.AUTO, CalibratedModel.DEFAULT_SEED, CalibrationMode.MAX,
                in, Parallel.common());
    }

    static OnnxModels uniform(CalibratedModel m, Precision p) {
        return PlanExport.of(m, ExecutionPlan.allCpu(m.grouped(), p), "all-" + p.id() + " plan");
    }

    /** The export's graph outputs on one sample, whole model or its partitions chained. */
    static List<float[]> run(OnnxModels x, float[][] sample, boolean chained, OrtSettings settings) {
        return OnnxRun.outputs(x, sample, chained, settings);
    }

    /** max |a - b| / max |b| over all elements. */
    static double maxRelativeError(float[] test, float[] reference) {
        double maxAbs = 0;
        double maxErr = 0;
        for (int i = 0; i < reference.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(reference[i]));
            maxErr = Math.max(maxErr, Math.abs(reference[i] - test[i]));
        }
        return maxErr / maxAbs;
    }
}
