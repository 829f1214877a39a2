package dev.hetplace.planner.numerics;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.ort.OrtChain;
import dev.hetplace.backends.ort.OrtRuntime;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.backends.sensitivity.Sensitivities;
import dev.hetplace.backends.sensitivity.SensitivityAnalysis;
import dev.hetplace.backends.sensitivity.SensitivityMeasurer;
import dev.hetplace.backends.sensitivity.SensitivityProgress;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.onnx.OnnxModels;
import dev.hetplace.planner.onnx.OnnxRun;
import dev.hetplace.planner.onnx.PlanExport;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.Wording;
import java.util.List;

/**
 * Noise from ONNX Runtime ({@code --noise onnxruntime}): every group's sensitivity under ONNX Runtime's numerics. For each group and
 * precision the model is exported with only that group lowered (int8 as QDQ with uint8 activations, as
 * {@code --validate --runtime onnxruntime} deploys it; fp16 with casts) and run in ORT's CPU provider (graph
 * optimizations on, one thread) on every calibration input; the noise is the power of its outputs' difference from
 * the fp32 export's outputs in ORT, summed over inputs, relative to the fp32 outputs' power, as
 * {@link SensitivityAnalysis} defines it for the Java kernels.
 */
public final class OrtSensitivity implements SensitivityMeasurer {
    /** Cache directory name under the hetplace cache: ORT figures never mix with the Java kernels'. */
    public static final String CACHE_DIR = "sensitivity-onnxruntime";

    private final Wording wording;

    /** Measures with ONNX Runtime; a refusal names the settings as {@code wording} does. */
    public OrtSensitivity(Wording wording) {
        this.wording = wording;
    }

    @Override
    public Sensitivities measure(CalibratedModel model, List<Precision> precisions, Parallel par,
                                 SensitivityProgress progress) {
        List<Precision> lowered = precisions.stream().filter(p -> p != Precision.FP32).distinct().toList();
        for (Precision p : lowered) {
            if (p == Precision.BF16) {
                throw new IllegalArgumentException(wording.name(Setting.NOISE) + " " + NoiseMode.ONNXRUNTIME.id()
                        + " cannot measure bf16: ONNX Runtime's CPU provider has no bf16 kernels (leave bf16 out with "
                        + wording.name(Setting.PRECISIONS) + ")");
            }
        }
        long t0 = System.nanoTime();
        int samples = model.inputs().size();
        int groups = model.grouped().size();
        progress.started(groups, lowered, samples);
        ExecutionPlan fp32 = ExecutionPlan.allCpu(model.grouped(), Precision.FP32);
        List<float[]>[] reference = outputs(model, fp32);
        double signal = 0;
        for (List<float[]> ref : reference) {
            for (float[] o : ref) {
                for (float v : o) {
                    signal += (double) v * v;
                }
            }
        }
        return SensitivityAnalysis.eachGroup(model, lowered, signal, (g, p) -> {
            List<float[]>[] lowOut = outputs(model, fp32.with(g.id(), new Choice("cpu", p, Layout.PLAIN)));
            double noise = 0;
            for (int s = 0; s < samples; s++) {
                for (int o = 0; o < reference[s].size(); o++) {
                    float[] r = reference[s].get(o);
                    float[] t = lowOut[s].get(o);
                    for (int i = 0; i < r.length; i++) {
                        double d = (double) r[i] - t[i];
                        noise += d * d;
                    }
                }
            }
            return noise;
        }, progress, t0, describe(model));
    }

    @Override
    public String describe(CalibratedModel model) {
        return "ONNX Runtime " + OrtRuntime.VERSION + " CPU numerics, " + model.describe();
    }

    /** The plan's exported model run in ORT on every calibration input: its outputs, per input. */
    @SuppressWarnings("unchecked")
    private static List<float[]>[] outputs(CalibratedModel model, ExecutionPlan plan) {
        OnnxModels m = PlanExport.of(model, plan, ActivationEncoding.UINT8, "sensitivity probe");
        List<float[]>[] out = new List[model.inputs().size()];
        try (OrtChain chain = OnnxRun.open(m, false, OrtSettings.threads(1))) {
            for (int s = 0; s < out.length; s++) {
                out[s] = OnnxRun.outputs(m, chain, model.inputs().sample(s));
            }
        }
        return out;
    }
}
