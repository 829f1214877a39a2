package dev.hetplace.planner.numerics;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.InputFiles;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.backends.sensitivity.SensitivityCache;
import dev.hetplace.backends.sensitivity.WeightScaleCache;
import dev.hetplace.cost.EstimatedNoise;
import dev.hetplace.cost.MeasuredNoise;
import dev.hetplace.cost.NoiseModel;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.Wording;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The numerics of one run: the noise model the cost table uses and, when the run executes the model (measured
 * noise or validation), the calibrated model it executes. {@code model} is null when nothing executes.
 */
public record RunNumerics(NoiseModel noise, CalibratedModel model) {

    /**
     * Chooses the noise model as {@code settings.noise()} says and prepares what it needs: measured sensitivities
     * (from the cache, or measured with progress) of every group at every lower precision the targets offer and
     * {@code allowed} admits (empty: all). {@code hasBudget} is whether an accuracy budget makes the plan depend on
     * noise. Refusals and the estimate's reason name settings as {@code w} words them.
     */
    public static RunNumerics prepare(ExecutionSettings settings, GroupedGraph grouped, Platform platform,
                                      List<String> targets, Set<Precision> allowed, boolean hasBudget, Parallel par,
                                      Wording w) {
        Optional<String> unexecutable = CalibratedModel.unexecutable(grouped.graph());
        boolean measured = switch (settings.noise()) {
            case MEASURED, ONNXRUNTIME -> true;
            case ESTIMATE -> false;
            case AUTO -> (hasBudget || settings.validate()) && unexecutable.isEmpty();
        };
        if (unexecutable.isPresent() && (measured || settings.validate())) {
            throw new IllegalArgumentException((settings.validate() ? w.name(Setting.VALIDATE)
                    : w.name(Setting.NOISE) + " " + settings.noise().id())
                    + " needs to execute the model, but " + unexecutable.get());
        }
        CalibratedModel model = measured || settings.validate() ? calibrated(settings, grouped, par) : null;
        if (!measured) {
            return new RunNumerics(new Estimate(reason(settings, hasBudget, unexecutable, w)), model);
        }
        List<Precision> lowered = lowered(platform, targets, allowed);
        SensitivityCache cache = settings.noise() == NoiseMode.ONNXRUNTIME
                ? new SensitivityCache(settings.cache().root().resolve(OrtSensitivity.CACHE_DIR), new OrtSensitivity(w))
                : new SensitivityCache(settings.cache().sensitivity());
        return new RunNumerics(new MeasuredNoise(cache.measure(model, lowered, par, settings.progress())), model);
    }

    /** The model with its weights, inputs and scales as the settings ask; synthetic weights' factors cached. */
    public static CalibratedModel calibrated(ExecutionSettings settings, GroupedGraph grouped, Parallel par) {
        Graph g = grouped.graph();
        CalibrationInputs inputs = settings.inputs() != null ? InputFiles.load(settings.inputs(), g)
                : CalibrationInputs.synthetic(g, settings.inputCount(), CalibratedModel.DEFAULT_SEED);
        return CalibratedModel.prepare(grouped, settings.weights(), CalibratedModel.DEFAULT_SEED,
                settings.calibration(), inputs, par, new WeightScaleCache(settings.cache().weightScales()));
    }

    /** Precisions below fp32 that some target device offers and {@code allowed} admits, in enum order. */
    static List<Precision> lowered(Platform platform, List<String> targets, Set<Precision> allowed) {
        List<Precision> out = new ArrayList<>();
        for (Precision p : Precision.values()) {
            if (p == Precision.FP32 || (!allowed.isEmpty() && !allowed.contains(p))) {
                continue;
            }
            for (String t : targets) {
                Optional<Device> d = platform.device(t);
                if (d.isPresent() && d.get().supports(p) && !out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static String reason(ExecutionSettings s, boolean hasBudget, Optional<String> unexecutable, Wording w) {
        if (s.noise() == NoiseMode.ESTIMATE) {
            return w.name(Setting.NOISE) + " " + NoiseMode.ESTIMATE.id();
        }
        if (unexecutable.isPresent()) {
            return "the model cannot execute: " + unexecutable.get();
        }
        return hasBudget ? "" : "no accuracy budget";
    }

    /** The estimate, saying why it was used. */
    private record Estimate(String why) implements NoiseModel {
        private static final EstimatedNoise ESTIMATE = new EstimatedNoise();

        @Override
        public long noisePpb(GroupedGraph graph, Group group, Precision precision) {
            return ESTIMATE.noisePpb(graph, group, precision);
        }

        @Override
        public boolean measured() {
            return false;
        }

        @Override
        public String describe() {
            return ESTIMATE.describe() + (why.isEmpty() ? "" : " (" + why + ")");
        }
    }
}
