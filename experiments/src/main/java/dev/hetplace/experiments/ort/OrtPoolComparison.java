package dev.hetplace.experiments.ort;

import dev.hetplace.backends.measure.InterleavedRuns;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.onnx.OnnxModels;
import dev.hetplace.planner.onnx.PlanExport;
import dev.hetplace.planner.run.ModelInput;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * How ONNX Runtime's intra-op pools must be set up so that plans timed side by side in one process measure what
 * one deployed session measures. A model's all-fp32, all-int8, stem-fp32 and one seeded random mix (uint8
 * activations) are timed under each {@link Pools} setting in turn, each block {@link InterleavedOrtTiming}'s
 * interleaved rounds over the four plans in their own sessions (only {@link Pools#ALONE} times each session by
 * itself); the blocks repeat REPEATS times in the same order, so load drift hits every setting alike. Prints, per
 * plan and setting, the median over the blocks of each block's median, and the lowest and highest block median.
 *
 * <p>Usage: {@code java -cp experiments/target/hetplace-sweep.jar dev.hetplace.experiments.ort.OrtPoolComparison
 * MODEL THREADS ROUNDS REPEATS}
 */
public final class OrtPoolComparison {
    static final long MIX_SEED = 15;

    /** The intra-op pool settings compared. */
    enum Pools {
        /** Each session its own pool, workers spinning on after the run (ORT's default; the timing before the fix). */
        SPIN_AFTER_RUN,
        /** Each session its own pool, spinning only during its run ({@code session.force_spinning_stop}; the fix). */
        SPIN_STOPPED,
        /** Each session its own pool, no spinning. */
        NO_SPIN,
        /** One pool of the environment shared by every session ({@code disablePerSessionThreads}), spinning. */
        GLOBAL_POOL,
        /** ORT's default pools, each session timed by itself, back to back: what one deployed session measures. */
        ALONE
    }

    private OrtPoolComparison() {
    }

    public static void main(String[] args) throws OrtException {
        if (args.length != 4) {
            System.err.println("usage: OrtPoolComparison MODEL THREADS ROUNDS REPEATS");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        OrtEnvironment env;
        try (OrtEnvironment.ThreadingOptions global = new OrtEnvironment.ThreadingOptions()) {
            global.setGlobalIntraOpNumThreads(threads);
            global.setGlobalInterOpNumThreads(1);
            global.setGlobalSpinControl(true);
            env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "pools", global);
        }
        ModelInput m = ModelInput.load(args[0]);
        CalibratedModel cm = MixedPlanStudy.timedModel(m);
        Map<String, OnnxModels> plans = new LinkedHashMap<>();
        plans(cm).forEach((name, plan) -> plans.put(name, PlanExport.of(cm, plan, ActivationEncoding.UINT8, name)));
        float[][] sample = cm.inputs().sample(0);
        Map<String, List<Double>> medians = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "%s, %d threads, %d rounds x %d repeats; load before %s%n", m.graph().name(),
                threads, rounds, repeats, InterleavedRuns.loadAverage());
        for (int rep = 0; rep < repeats; rep++) {
            for (Pools pools : Pools.values()) {
                List<OrtSession> sessions = new ArrayList<>();
                List<OnnxTensor> tensors = new ArrayList<>();
                try {
                    List<Runnable> runs = new ArrayList<>();
                    for (OnnxModels x : plans.values()) {
                        OrtSession s = open(env, x.whole().toByteArray(), pools, threads);
                        sessions.add(s);
                        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
                        for (int i = 0; i < sample.length; i++) {
                            String name = x.inputs().get(i);
                            long[] shape = ((TensorInfo) s.getInputInfo().get(name).getInfo()).getShape();
                            OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(sample[i]), shape);
                            tensors.add(t);
                            feed.put(name, t);
                        }
                        runs.add(() -> run(s, feed));
                    }
                    List<InterleavedRuns.Timing> timed = new ArrayList<>();
                    if (pools == Pools.ALONE) {
                        runs.forEach(r -> timed.addAll(InterleavedRuns.interleave(rounds, List.of(r))));
                    } else {
                        timed.addAll(InterleavedRuns.interleave(rounds, runs));
                    }
                    int i = 0;
                    for (String plan : plans.keySet()) {
                        medians.computeIfAbsent(plan + " " + pools, k -> new ArrayList<>())
                                .add(timed.get(i++).medianMs());
                    }
                } finally {
                    tensors.forEach(OnnxTensor::close);
                    for (OrtSession s : sessions) {
                        s.close();
                    }
                }
            }
            System.out.printf(Locale.ROOT, "repeat %d done, load %s%n", rep, InterleavedRuns.loadAverage());
        }
        printBlockMedians("pools", medians);
    }

    /**
     * Per {@code "plan way"} key: the median of its block medians, the lowest and the highest, and the block count, as
     * CSV under a header naming the way's column {@code wayColumn} (the way lower-cased, '_' as '-').
     */
    static void printBlockMedians(String wayColumn, Map<String, List<Double>> medians) {
        System.out.println("plan," + wayColumn + ",median_of_block_medians_ms,lowest_ms,highest_ms,blocks");
        medians.forEach((key, ms) -> {
            double[] s = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            String[] k = key.split(" ");
            System.out.printf(Locale.ROOT, "%s,%s,%.2f,%.2f,%.2f,%d%n", k[0], k[1].toLowerCase(Locale.ROOT).replace('_',
                    '-'), s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2, s[0],
                    s[s.length - 1], s.length);
        });
    }

    /** All-fp32, all-int8, the stem alone fp32 in all-int8, and a mix (each group fp32 or int8 by a seeded draw). */
    static Map<String, ExecutionPlan> plans(CalibratedModel cm) {
        Choice fp32 = new Choice("cpu", Precision.FP32, Layout.PLAIN);
        ExecutionPlan int8 = ExecutionPlan.allCpu(cm.grouped(), Precision.INT8);
        Random r = new Random(MIX_SEED);
        ExecutionPlan mix = int8;
        for (int g = 0; g < cm.grouped().size(); g++) {
            if (r.nextBoolean()) {
                mix = mix.with(g, fp32);
            }
        }
        Map<String, ExecutionPlan> out = new LinkedHashMap<>();
        out.put("all-fp32", ExecutionPlan.allCpu(cm.grouped(), Precision.FP32));
        out.put("all-int8", int8);
        out.put("stem-fp32", int8.with(0, fp32));
        out.put("mix-s" + MIX_SEED, mix);
        return out;
    }

    private static OrtSession open(OrtEnvironment env, byte[] model, Pools pools, int threads) throws OrtException {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (pools == Pools.GLOBAL_POOL) {
                o.disablePerSessionThreads();
            } else {
                o.setIntraOpNumThreads(threads);
                o.setInterOpNumThreads(1);
                o.addConfigEntry("session.intra_op.allow_spinning", pools == Pools.NO_SPIN ? "0" : "1");
                o.addConfigEntry("session.force_spinning_stop", pools == Pools.SPIN_STOPPED ? "1" : "0");
            }
            return env.createSession(model, o);
        }
    }

    private static void run(OrtSession s, Map<String, OnnxTensor> feed) {
        try {
            s.run(feed).close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }
}
