package dev.hetplace.experiments.ort;

import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.ort.OrtModel;
import dev.hetplace.backends.ort.OrtProfile;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.onnx.OnnxModels;
import dev.hetplace.planner.onnx.PlanExport;
import dev.hetplace.planner.run.ModelInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Where keeping the stem fp32 costs in ONNX Runtime: a model's all-fp32, all-int8, TVM-rule (first and last group
 * fp32) and stem-fp32 plans, exported with uint8 activations, profiled per node in one process in interleaved
 * rounds ({@value #WARMUPS} warm-up, then ROUNDS in a seeded shuffled order). Prints each plan's whole-run minimum
 * and median and, for its first and last nodes, the op and the median and minimum kernel time ORT's profile gives.
 *
 * <p>Usage: {@code java -cp experiments/target/hetplace-sweep.jar dev.hetplace.experiments.ort.StemLayoutProfile
 * MODEL THREADS ROUNDS}
 */
public final class StemLayoutProfile {
    static final int WARMUPS = 3;
    static final long SEED = 12;
    static final int SHOWN = 7;

    private StemLayoutProfile() {
    }

    public static void main(String[] args) {
        ModelInput m = ModelInput.load(args[0]);
        int threads = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        CalibratedModel cm = MixedPlanStudy.timedModel(m);
        Choice fp32 = new Choice("cpu", Precision.FP32, Layout.PLAIN);
        ExecutionPlan int8 = ExecutionPlan.allCpu(m.grouped(), Precision.INT8);
        Map<String, ExecutionPlan> plans = new LinkedHashMap<>();
        plans.put("all-fp32", ExecutionPlan.allCpu(m.grouped(), Precision.FP32));
        plans.put("all-int8", int8);
        plans.put("tvm-rule", int8.with(0, fp32).with(m.grouped().size() - 1, fp32));
        plans.put("stem-fp32", int8.with(0, fp32));
        Map<String, OrtModel> sessions = new LinkedHashMap<>();
        Map<String, Map<String, float[]>> feeds = new LinkedHashMap<>();
        float[][] sample = cm.inputs().sample(0);
        plans.forEach((name, plan) -> {
            OnnxModels x = PlanExport.of(cm, plan, ActivationEncoding.UINT8, name);
            sessions.put(name, OrtModel.open(x.whole().toByteArray(), name, OrtSettings.threads(threads).profiled()));
            Map<String, float[]> feed = new LinkedHashMap<>();
            for (int i = 0; i < sample.length; i++) {
                feed.put(x.inputs().get(i), sample[i]);
            }
            feeds.put(name, feed);
        });
        Map<String, List<Long>> wall = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(plans.keySet());
        Random rnd = new Random(SEED);
        for (int r = 0; r < WARMUPS + rounds; r++) {
            Collections.shuffle(order, rnd);
            for (String name : order) {
                long t = System.nanoTime();
                sessions.get(name).run(feeds.get(name));
                if (r >= WARMUPS) {
                    wall.computeIfAbsent(name, k -> new ArrayList<>()).add(System.nanoTime() - t);
                }
            }
        }
        for (String name : plans.keySet()) {
            List<Long> w = wall.get(name);
            Collections.sort(w);
            OrtProfile p = sessions.get(name).endProfiling();
            sessions.get(name).close();
            Map<String, Long> min = new LinkedHashMap<>();
            for (OrtProfile.NodeTime e : p.events()) {
                min.merge(e.node(), e.micros(), Math::min);
            }
            List<Map.Entry<String, Double>> nodes = new ArrayList<>(p.medianMicrosByNode().entrySet());
            System.out.printf(Locale.ROOT, "== %s: whole run min %.2f ms, median %.2f ms; %d nodes%n", name,
                    w.get(0) / 1e6, w.get(w.size() / 2) / 1e6, nodes.size());
            for (int i = 0; i < nodes.size(); i++) {
                if (i < SHOWN || i >= nodes.size() - 3) {
                    String node = nodes.get(i).getKey();
                    System.out.printf(Locale.ROOT, "   %-44s %-24s median %9.1f us  min %7d us%n", node,
                            p.ops().get(node), nodes.get(i).getValue(), min.get(node));
                }
            }
        }
    }
}
