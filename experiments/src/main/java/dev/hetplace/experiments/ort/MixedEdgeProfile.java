package dev.hetplace.experiments.ort;

import dev.hetplace.backends.measure.InterleavedRuns;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.ort.OrtModel;
import dev.hetplace.backends.ort.OrtProfile;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.onnx.OnnxExport;
import dev.hetplace.planner.onnx.OnnxModels;
import dev.hetplace.planner.onnx.OnnxRun;
import dev.hetplace.planner.onnx.OrtMeasurement;
import dev.hetplace.planner.onnx.PlanExport;
import dev.hetplace.planner.run.ModelInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a mixed plan pays in ONNX Runtime that its groups' pure-plan costs do not: the plan's export (uint8
 * activations) and the all-fp32 and all-int8 exports profiled per node in one process, every ORT node mapped to its
 * group ({@link OrtMeasurement#groupsOf}), and each group's in-context kernel time set beside the same group's time
 * in the pure export of its precision, with the ops ORT ran for it. The plans are {@link OrtPoolComparison#plans}'
 * stem-fp32 and seeded mix.
 *
 * <p>Usage: {@code java -cp experiments/target/hetplace-sweep.jar dev.hetplace.experiments.ort.MixedEdgeProfile
 * MODEL THREADS RUNS}
 */
public final class MixedEdgeProfile {
    static final int WARMUPS = 3;

    /** One group's kernels in one export: the summed median kernel time and the ORT ops, in run order. */
    public record GroupKernels(double micros, List<String> ops) {
        public GroupKernels {
            ops = List.copyOf(ops);
        }
    }

    private MixedEdgeProfile() {
    }

    public static void main(String[] args) {
        ModelInput m = ModelInput.load(args[0]);
        int threads = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        CalibratedModel cm = MixedPlanStudy.timedModel(m);
        Map<String, ExecutionPlan> plans = OrtPoolComparison.plans(cm);
        Map<String, Map<String, GroupKernels>> profiled = new LinkedHashMap<>();
        plans.forEach((name, plan) -> profiled.put(name, profile(cm, plan, threads, runs)));
        System.out.printf(Locale.ROOT, "%s, %d thread(s), median of %d runs after %d warm-up; load %s%n",
                m.graph().name(), threads, runs, WARMUPS, InterleavedRuns.loadAverage());
        for (String name : plans.keySet()) {
            if (name.startsWith("all-")) {
                continue;
            }
            ExecutionPlan plan = plans.get(name);
            double extra = 0;
            System.out.printf(Locale.ROOT, "== %s%n", name);
            for (int g = 0; g < cm.grouped().size(); g++) {
                String group = cm.grouped().group(g).name();
                Precision p = plan.choice(g).precision();
                GroupKernels in = profiled.get(name).getOrDefault(group, new GroupKernels(0, List.of()));
                GroupKernels pure = profiled.get("all-" + p.id()).getOrDefault(group, new GroupKernels(0, List.of()));
                extra += in.micros() - pure.micros();
                System.out.printf(Locale.ROOT, "%3d %-36s %-5s in plan %8.0f us, pure %8.0f us, %+8.0f us  %s | pure:"
                        + " %s%n", g, group, p.id(), in.micros(), pure.micros(), in.micros() - pure.micros(),
                        String.join(" ", in.ops()), String.join(" ", pure.ops()));
            }
            System.out.printf(Locale.ROOT, "%s: groups' in-plan kernel time minus their pure-export time: %+.2f ms%n",
                    name, extra / 1e3);
        }
    }

    /** Every group's kernels when {@code plan}'s export runs in ORT ({@code runs} profiled runs after warm-up). */
    public static Map<String, GroupKernels> profile(CalibratedModel cm, ExecutionPlan plan, int threads, int runs) {
        OnnxModels x = PlanExport.of(cm, plan, ActivationEncoding.UINT8, "profiled plan");
        byte[] bytes = x.whole().toByteArray();
        Map<String, float[]> feed = OnnxRun.feed(x, cm.inputs().sample(0));
        OrtProfile prof;
        try (OrtModel m = OrtModel.open(bytes, "the profiled plan", OrtSettings.threads(threads).profiled())) {
            for (int r = 0; r < WARMUPS + runs; r++) {
                m.run(feed);
            }
            prof = m.endProfiling();
        }
        Map<String, Double> median = prof.medianMicrosByNode();
        Map<String, String> groups = OrtMeasurement.groupsOf(x, OnnxExport.metadataByNode(bytes),
                new ArrayList<>(median.keySet()));
        Map<String, Double> micros = new LinkedHashMap<>();
        Map<String, List<String>> ops = new LinkedHashMap<>();
        median.forEach((node, us) -> {
            String group = groups.get(node);
            micros.merge(group, us, Double::sum);
            ops.computeIfAbsent(group, k -> new ArrayList<>()).add(prof.ops().get(node));
        });
        Map<String, GroupKernels> out = new LinkedHashMap<>();
        micros.forEach((group, us) -> out.put(group, new GroupKernels(us, ops.get(group))));
        return out;
    }
}
