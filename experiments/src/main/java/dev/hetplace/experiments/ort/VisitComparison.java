package dev.hetplace.experiments.ort;

import dev.hetplace.backends.measure.InterleavedRuns;
import dev.hetplace.backends.measure.InterleavedRuns.Visit;
import dev.hetplace.backends.ort.OrtModel;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.onnx.OnnxModels;
import dev.hetplace.planner.onnx.OnnxRun;
import dev.hetplace.planner.onnx.PlanExport;
import dev.hetplace.planner.run.ModelInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether plans timed side by side measure what each measures served back to back. A model's all-fp32, all-int8,
 * stem-fp32 and seeded mix ({@link OrtPoolComparison#plans}, uint8 activations) open in their own sessions at
 * {@code THREADS}, and are timed three ways in turn: {@code single}, {@link Visit#SINGLE} interleaved rounds (one
 * timed run per plan per round, straight after another plan's); {@code settled}, {@link Visit#SETTLED} interleaved
 * rounds (the timing every study uses); {@code alone}, each plan by itself, back to back. The three repeat REPEATS
 * times in the same order so load drift hits each alike. Prints, per plan and way, the median of the block medians and
 * the lowest and highest block median.
 *
 * <p>Usage: {@code java -cp experiments/target/hetplace-sweep.jar dev.hetplace.experiments.ort.VisitComparison
 * MODEL THREADS ROUNDS REPEATS [SETTLE,TIMED]} (the settled visit, {@link Visit#SETTLED} by default)
 */
public final class VisitComparison {
    private VisitComparison() {
    }

    public static void main(String[] args) {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: VisitComparison MODEL THREADS ROUNDS REPEATS [SETTLE,TIMED]");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        Visit settled = Visit.SETTLED;
        if (args.length == 5) {
            String[] v = args[4].split(",");
            if (v.length != 2) {
                System.err.println("VisitComparison: SETTLE,TIMED is two counts, got '" + args[4] + "'");
                System.exit(2);
            }
            settled = new Visit(Integer.parseInt(v[0]), Integer.parseInt(v[1]));
        }
        ModelInput m = ModelInput.load(args[0]);
        CalibratedModel cm = MixedPlanStudy.timedModel(m);
        List<String> names = new ArrayList<>();
        List<OrtModel> sessions = new ArrayList<>();
        List<Runnable> runs = new ArrayList<>();
        try {
            OrtPoolComparison.plans(cm).forEach((name, plan) -> {
                OnnxModels x = PlanExport.of(cm, plan, ActivationEncoding.UINT8, name);
                Map<String, float[]> feed = OnnxRun.feed(x, cm.inputs().sample(0));
                OrtModel s = OrtModel.open(x.whole().toByteArray(), "the " + name + " export",
                        OrtSettings.threads(threads));
                sessions.add(s);
                names.add(name);
                runs.add(s.prepare(feed));
            });
            System.out.printf(Locale.ROOT, "%s, %d threads, %d rounds x %d repeats; load before %s%n",
                    m.graph().name(), threads, rounds, repeats, InterleavedRuns.loadAverage());
            Map<String, List<Double>> medians = new LinkedHashMap<>();
            for (int rep = 0; rep < repeats; rep++) {
                record(medians, names, "single", InterleavedRuns.interleave(rounds, runs, Visit.SINGLE));
                record(medians, names, "settled", InterleavedRuns.interleave(rounds, runs, settled));
                List<InterleavedRuns.Timing> alone = new ArrayList<>();
                for (Runnable r : runs) {
                    alone.addAll(InterleavedRuns.interleave(rounds * settled.timed(), List.of(r),
                            Visit.SINGLE));
                }
                record(medians, names, "alone", alone);
                System.out.printf(Locale.ROOT, "repeat %d done, load %s%n", rep, InterleavedRuns.loadAverage());
            }
            OrtPoolComparison.printBlockMedians("timing", medians);
        } finally {
            sessions.forEach(OrtModel::close);
        }
    }

    private static void record(Map<String, List<Double>> medians, List<String> names, String way,
                               List<InterleavedRuns.Timing> timed) {
        for (int i = 0; i < names.size(); i++) {
            medians.computeIfAbsent(names.get(i) + " " + way, k -> new ArrayList<>()).add(timed.get(i).medianMs());
        }
    }
}
