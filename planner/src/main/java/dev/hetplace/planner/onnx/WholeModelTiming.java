package dev.hetplace.planner.onnx;

import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.measure.EndToEndMeasurement;
import dev.hetplace.backends.measure.InterleavedRuns;
import dev.hetplace.backends.measure.Timing;
import dev.hetplace.backends.ort.OrtModel;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.cost.context.WholeModelRun;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.GroupedGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The whole-model rows of {@code place measure --runtime onnxruntime}: the model exported (uint8 activations, as
 * {@link OrtMeasurement} profiles it) as the plans whose sums matter, all-fp32, all-int8 (QDQ everywhere) and TVM's
 * rule on a CPU (the first conv and every dense in fp32, the rest int8), each whole in its own ONNX Runtime session
 * (level ALL, unprofiled: profiling inflates small kernels; spinning stops when a run returns, as in every
 * {@link OrtModel}), timed in interleaved rounds ({@link InterleavedRuns}: warm-up runs, then every plan visited
 * once per round in a seeded order, an untimed run then timed ones) so that machine noise hits all alike. One row per plan:
 * median, p10 and p90 of its timed runs,
 * batch 1, eager, the model named as {@code --model} loads it.
 */
public final class WholeModelTiming {
    /** Interleaved rounds, at least. */
    public static final int MIN_RUNS = 20;
    /** The plans timed, as the precision column names them. */
    public static final List<String> PLANS = List.of(Precision.FP32.id(), Precision.INT8.id(),
            EndToEndMeasurement.INT8_STEM_DENSE_FP32);

    private WholeModelTiming() {
    }

    /**
     * Every plan of {@link #PLANS} of {@code model}, timed at {@code threads} over {@code max(runs, MIN_RUNS)}
     * interleaved rounds; {@code modelColumn} is what the rows name the model as.
     */
    public static List<EndToEndMeasurement> measure(CalibratedModel model, String modelColumn, int threads, int runs) {
        int rounds = Math.max(runs, MIN_RUNS);
        List<OrtModel> sessions = new ArrayList<>();
        try {
            List<Runnable> subjects = new ArrayList<>();
            for (String plan : PLANS) {
                OnnxModels x = PlanExport.of(model, executionPlan(model.grouped(), WholeModelRun.plan(plan,
                        model.grouped())), ActivationEncoding.UINT8, plan + " model");
                Map<String, float[]> feed = OnnxRun.feed(x, model.inputs().sample(0));
                OrtModel m = OrtModel.open(x.whole().toByteArray(), "the " + plan + " export",
                        OrtSettings.threads(threads));
                sessions.add(m);
                subjects.add(m.prepare(feed));
            }
            List<InterleavedRuns.Timing> timed = InterleavedRuns.interleave(rounds, subjects);
            List<EndToEndMeasurement> out = new ArrayList<>();
            for (int i = 0; i < PLANS.size(); i++) {
                InterleavedRuns.Timing t = timed.get(i);
                out.add(new EndToEndMeasurement(modelColumn, OrtMeasurement.DEVICE, PLANS.get(i), 1, threads,
                        Timing.EAGER.id(), t.medianMs() * 1000, "", 0, t.p10Ms() * 1000, t.p90Ms() * 1000));
            }
            return out;
        } finally {
            sessions.forEach(OrtModel::close);
        }
    }

    /** Every group on the CPU at the plan's precision. */
    static ExecutionPlan executionPlan(GroupedGraph g, IntFunction<Precision> plan) {
        Map<Integer, Choice> choices = new TreeMap<>();
        for (int id = 0; id < g.size(); id++) {
            choices.put(id, new Choice(OrtMeasurement.DEVICE, plan.apply(id), Layout.PLAIN));
        }
        return new ExecutionPlan(choices, Map.of(OrtMeasurement.DEVICE, DeviceKind.CPU));
    }

    /** A model spec as a table names it so that it loads again: a file as its absolute path, a zoo name as is. */
    public static String modelColumn(String spec) {
        Path p = Path.of(spec);
        return Files.isRegularFile(p) ? p.toAbsolutePath().normalize().toString() : spec;
    }
}
