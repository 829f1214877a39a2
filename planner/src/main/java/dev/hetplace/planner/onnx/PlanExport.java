package dev.hetplace.planner.onnx;

import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.Wording;
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
        return of(model, plan, activations, what, Wording.PLAIN);
    }

    /** As above, the doc_string naming the weights setting as the front end's wording {@code w} does. */
    public static OnnxModels of(CalibratedModel model, ExecutionPlan plan, ActivationEncoding activations,
                                String what, Wording w) {
        return OnnxExport.of(model.grouped(), plan, model.weights(), model.scales(), activations,
                describe(model, activations, what, w));
    }

    /** The models' doc_string: what the plan is, where the weights come from and how activations were scaled. */
    static String describe(CalibratedModel model, ActivationEncoding activations, String what, Wording w) {
        String weights = model.weights().source().isSynthetic()
                ? "synthetic " + model.weights().source() + " weights (the model file has none, or "
                + w.name(Setting.WEIGHTS) + " " + WeightMode.SYNTHETIC.id() + " asked for them)"
                : "the model file's own weights (ONNX initializers)";
        return String.format(Locale.ROOT, "hetplace %s of %s: %s; int8 activation scales from %s calibration on %s"
                + " inputs (symmetric, stored as %s with zero point %d, powers of two); int8 weights symmetric per output"
                + " channel", what, model.graph().name(), weights, model.calibration().id(), model.inputs().source(),
                activations.id(), activations.zeroPointValue());
    }
}
