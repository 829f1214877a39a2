package dev.hetplace.planner.validate;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.ExecutionResult;
import dev.hetplace.backends.measure.TimingStats;
import dev.hetplace.backends.ort.OrtChain;
import dev.hetplace.backends.ort.OrtRuntime;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.onnx.OnnxModels;
import dev.hetplace.planner.onnx.OnnxRun;
import dev.hetplace.planner.onnx.PlanExport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --runtime onnxruntime}: a plan is exported to ONNX ({@link PlanExport}) and run in ONNX Runtime's CPU
 * provider, its device regions chained session by session as the export's partitions; the reference is the fp32
 * export run in ONNX Runtime too. Threads: the platform's CPU thread count ({@code --cpu-threads}). After the
 * outputs are compared, {@link #describe} times the plan and the fp32 model ({@value #WARMUPS} warm-up runs, then
 * the median and p10 / p90 of {@value #RUNS}) on the first input.
 */
public final class OrtExecution implements PlanExecution {
    static final int WARMUPS = 3;
    static final int RUNS = 20;

    private record Loaded(OnnxModels models, OrtChain chain, float[][] sample) {
    }

    private final Map<ExecutionPlan, Loaded> plans = new ConcurrentHashMap<>();
    private final Map<CalibratedModel, Loaded> references = new ConcurrentHashMap<>();
    private int threads = 1;

    @Override
    public ExecutionResult run(CalibratedModel model, ExecutionPlan plan, float[][] sample, Platform platform,
                               Parallel par) {
        threads = cpuThreads(platform);
        Loaded l = plans.computeIfAbsent(plan, p -> load(PlanExport.of(model, p, ActivationEncoding.UINT8, "plan"), sample,
                true));
        return new ExecutionResult(outputs(l, sample), List.of());
    }

    @Override
    public List<float[]> reference(CalibratedModel model, float[][] sample, Parallel par) {
        Loaded l = references.computeIfAbsent(model, m -> load(PlanExport.of(m,
                ExecutionPlan.allCpu(m.grouped(), Precision.FP32), ActivationEncoding.UINT8, "fp32 reference"), sample,
                false));
        return outputs(l, sample);
    }

    @Override
    public String describe(ExecutionPlan plan) {
        Loaded l = plans.get(plan);
        if (l == null) {
            return "ONNX Runtime " + OrtRuntime.VERSION + ": not run";
        }
        TimingStats t = TimingStats.of(l.chain().time(feed(l, l.sample()), WARMUPS, RUNS));
        String fp32 = references.values().stream().findFirst().map(r -> {
            TimingStats f = TimingStats.of(r.chain().time(feed(r, r.sample()), WARMUPS, RUNS));
            return String.format(Locale.ROOT, ", fp32 model %.2f ms", f.medianUs() / 1e3);
        }).orElse("");
        int sessions = l.models().partitions().isEmpty() ? 1 : l.models().partitions().size();
        return String.format(Locale.ROOT, "ONNX Runtime %s CPU provider, %d thread%s, %d session%s: measured latency"
                        + " %.2f ms (p10 %.2f, p90 %.2f; median of %d runs after %d warm-up)%s",
                OrtRuntime.VERSION, threads, threads == 1 ? "" : "s", sessions, sessions == 1 ? "" : "s",
                t.medianUs() / 1e3, t.p10Us() / 1e3, t.p90Us() / 1e3, RUNS, WARMUPS, fp32);
    }

    private Loaded load(OnnxModels m, float[][] sample, boolean chained) {
        return new Loaded(m, OnnxRun.open(m, chained, OrtSettings.threads(threads)), sample);
    }

    private static List<float[]> outputs(Loaded l, float[][] sample) {
        return OnnxRun.outputs(l.models(), l.chain(), sample);
    }

    private static Map<String, float[]> feed(Loaded l, float[][] sample) {
        Map<String, float[]> in = new LinkedHashMap<>();
        for (int i = 0; i < sample.length; i++) {
            in.put(l.models().inputs().get(i), sample[i]);
        }
        return in;
    }

    private static int cpuThreads(Platform platform) {
        for (Device d : platform.devices()) {
            if (d.kind() == DeviceKind.CPU) {
                return d.threads();
            }
        }
        return 1;
    }
}
