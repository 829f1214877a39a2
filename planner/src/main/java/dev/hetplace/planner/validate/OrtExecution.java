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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --runtime onnxruntime}: a plan is exported to ONNX ({@link PlanExport}) and run in ONNX Runtime's CPU
 * provider, its device regions chained session by session as the export's partitions; the reference is the fp32
 * export run in ONNX Runtime too. Threads: the platform's CPU thread count ({@code --cpu-threads}). After the
 * outputs are compared (the sessions are warm then: they ran every calibration input), {@link #describe} times the
 * plan and the fp32 model on the first input in alternation ({@value #WARMUPS} warm-up run each, then
 * {@value #RUNS} timed pairs: median and p10 / p90), so that the machine's noise hits both alike.
 */
public final class OrtExecution implements PlanExecution, AutoCloseable {
    static final int WARMUPS = 1;
    static final int RUNS = 10;

    /** An opened export: its sessions and the names they are fed and read by, not the export's protos. */
    private record Loaded(List<String> inputs, List<String> outputs, int sessions, OrtChain chain, float[][] sample) {
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
        Loaded ref = references.values().stream().findFirst().orElse(null);
        List<Loaded> timed = ref == null ? List.of(l) : List.of(l, ref);
        List<TimingStats> stats = alternate(timed);
        TimingStats t = stats.get(0);
        String fp32 = ref == null ? ""
                : String.format(Locale.ROOT, ", fp32 model %.2f ms", stats.get(1).medianUs() / 1e3);
        int sessions = l.sessions();
        return String.format(Locale.ROOT, "ONNX Runtime %s CPU provider, %d thread%s, %d session%s: measured latency"
                        + " %.2f ms (p10 %.2f, p90 %.2f; median of %d runs after %d warm-up, alternating with the fp32"
                        + " model)%s",
                OrtRuntime.VERSION, threads, threads == 1 ? "" : "s", sessions, sessions == 1 ? "" : "s",
                t.medianUs() / 1e3, t.p10Us() / 1e3, t.p90Us() / 1e3, RUNS, WARMUPS, fp32);
    }

    /** Each model's runs on its first input: {@value #WARMUPS} warm-up each, then {@value #RUNS} rounds in turn. */
    private static List<TimingStats> alternate(List<Loaded> models) {
        long[][] ns = new long[models.size()][RUNS];
        for (int r = -WARMUPS; r < RUNS; r++) {
            for (int i = 0; i < models.size(); i++) {
                Loaded l = models.get(i);
                long[] once = l.chain().time(feed(l, l.sample()), 0, 1);
                if (r >= 0) {
                    ns[i][r] = once[0];
                }
            }
        }
        return Arrays.stream(ns).map(TimingStats::of).toList();
    }

    private Loaded load(OnnxModels m, float[][] sample, boolean chained) {
        OrtChain chain = OnnxRun.open(m, chained, OrtSettings.threads(threads));
        int sessions = chained && !m.partitions().isEmpty() ? m.partitions().size() : 1;
        return new Loaded(m.inputs(), m.outputs(), sessions, chain, sample);
    }

    private static List<float[]> outputs(Loaded l, float[][] sample) {
        return OnnxRun.outputs(l.inputs(), l.outputs(), l.chain(), sample);
    }

    private static Map<String, float[]> feed(Loaded l, float[][] sample) {
        return OnnxRun.feed(l.inputs(), sample);
    }

    /** Closes every session this execution opened (a caller that validates many plans in one process). */
    @Override
    public void close() {
        plans.values().forEach(l -> l.chain().close());
        references.values().forEach(l -> l.chain().close());
        plans.clear();
        references.clear();
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
