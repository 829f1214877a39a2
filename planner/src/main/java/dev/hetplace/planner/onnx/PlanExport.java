package dev.hetplace.planner.onnx;

import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import java.util.Locale;

/** A plan's execution choices exported with a calibrated model's weights and activation scales. */
public final class PlanExport {
    private PlanExport() {
    }

    public static OnnxModels of(CalibratedModel model, ExecutionPlan plan, String what) {
        return of(model, plan, ActivationEncoding.INT8, what);
    }

    public static OnnxModels of(CalibratedModel model, ExecutionPlan plan, ActivationEncoding activations,
                                String what) {
        return OnnxExport.of(model.grouped(), plan, model.weights(), model.scales(), activations,
                describe(model, activations, what));
    }

    /** The models' doc_string: what the plan is, where the weights come from and how activations were scaled. */
    static String describe(CalibratedModel model, ActivationEncoding activations, String what) {
        String weights = model.weights().source().isSynthetic()
                ? "synthetic " + model.weights().source() + " weights (the model file has none, or --weights synthetic"
                + " asked for them)"
                : "the model file's own weights (ONNX initializers)";
        return String.format(Locale.ROOT, "hetplace %s of %s: %s; int8 activation scales from %s calibration on %s"
                + " inputs (symmetric, stored as %s with zero point %d, powers of two); int8 weights symmetric per output"
                + " channel", what, model.graph().name(), weights, model.calibration().id(), model.inputs().source(),
                activations.id(), activations.zeroPointValue());
    }
}
