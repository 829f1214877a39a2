package dev.hetplace.planner.validate;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.Sqnr;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Platform;
import dev.hetplace.planner.domain.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Executes a chosen plan and the fp32 model on the calibration inputs and compares their outputs. */
public final class PlanValidator {
    private PlanValidator() {
    }

    /** The plan's choices as the executor takes them, every device of the platform with its kind. */
    public static ExecutionPlan executionPlan(Plan plan, Platform platform) {
        return executionPlan(plan.choices(), platform);
    }

    /** Group {@code g} runs {@code groupChoices.get(g)}; every device of the platform with its kind. */
    public static ExecutionPlan executionPlan(List<Choice> groupChoices, Platform platform) {
        Map<Integer, Choice> choices = new TreeMap<>();
        for (int g = 0; g < groupChoices.size(); g++) {
            choices.put(g, groupChoices.get(g));
        }
        Map<String, DeviceKind> kinds = new TreeMap<>();
        for (Device d : platform.devices()) {
            kinds.put(d.id(), d.kind());
        }
        return new ExecutionPlan(choices, kinds);
    }

    /**
     * Measured against predicted: every graph output of every input sample counts in the SQNR; top-1 agreement
     * compares the first output's arg-max.
     */
    public static Validation validate(Plan plan, Platform platform, CalibratedModel model, PlanExecution vta,
                                      Parallel par) {
        long t0 = System.nanoTime();
        ExecutionPlan exec = executionPlan(plan, platform);
        List<float[]> reference = new ArrayList<>();
        List<float[]> lowered = new ArrayList<>();
        List<float[]> referenceFirst = new ArrayList<>();
        List<float[]> loweredFirst = new ArrayList<>();
        for (float[][] sample : model.inputs().samples()) {
            // the plan first: an execution takes its thread count from the platform, and the reference runs at it
            List<float[]> out = vta.run(model, exec, sample, platform, par).outputs();
            List<float[]> ref = vta.reference(model, sample, par);
            reference.add(concat(ref));
            lowered.add(concat(out));
            referenceFirst.add(ref.get(0));
            loweredFirst.add(out.get(0));
        }
        double measured = Sqnr.db(reference, lowered);
        double predicted = dev.hetplace.planner.domain.Sqnr.db(plan.evaluation().noisePpb());
        return new Validation(measured, predicted, Sqnr.top1Agreement(referenceFirst, loweredFirst),
                model.weights().source().toString(), model.calibration().id(), model.inputs().source(),
                vta.describe(exec), System.nanoTime() - t0, List.of());
    }

    private static float[] concat(List<float[]> outputs) {
        if (outputs.size() == 1) {
            return outputs.get(0);
        }
        int n = 0;
        for (float[] o : outputs) {
            n += o.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] o : outputs) {
            System.arraycopy(o, 0, all, at, o.length);
            at += o.length;
        }
        return all;
    }
}
