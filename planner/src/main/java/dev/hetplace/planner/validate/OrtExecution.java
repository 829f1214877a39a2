package dev.hetplace.planner.validate;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.ExecutionResult;
import dev.hetplace.backends.measure.InterleavedRuns;
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
import dev.hetplace.planner.onnx.OrtLayoutCheck;
import dev.hetplace.planner.onnx.OnnxRun;
import dev.hetplace.planner.onnx.PlanExport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --runtime onnxruntime}: a plan is exported to ONNX ({@link PlanExport}) and run in ONNX Runtime's CPU
 * provider, its device regions chained session by session as the export's partitions; the reference is the fp32
 * export run in ONNX Runtime too. Threads: the platform's CPU thread count ({@code --cpu-threads}). After the
 * outputs are compared (the sessions are warm then: they ran every calibration input), {@link #describe} times the
 * plan and the fp32 model on the first input in interleaved rounds ({@link InterleavedRuns}: warm-up runs, then
 * {@value #ROUNDS} rounds, each visiting both with an untimed run and timed ones; median and p10 / p90), so that the
 * machine's noise hits both alike and each timed run follows a run of its own model, and says which of the plan's
 * max pools ORT runs on its plain NCHW uint8 kernel ({@link OrtLayoutCheck}, one profiled run of the whole export;
 * for a plan run as one session).
 */
public final class OrtExecution implements PlanExecution, AutoCloseable {
    static final int ROUNDS = 10;

    /** The fp32 reference of a model at a thread count. */
    private record Reference(CalibratedModel model, int threads) {
    }

    /**
     * An opened export: its sessions and the names they are fed and read by, not the export's protos; for a plan,
     * its max pools on ORT's plain uint8 kernel ({@link OrtLayoutCheck}).
     */
    private record Loaded(List<String> inputs, List<String> outputs, int sessions, OrtChain chain, float[][] sample,
                          List<OrtLayoutCheck.PlainPool> plainPools) {
    }

    private final Map<ExecutionPlan, Loaded> plans = new ConcurrentHashMap<>();
    private final Map<Reference, Loaded> references = new ConcurrentHashMap<>();
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
        Loaded l = references.computeIfAbsent(new Reference(model, threads), r -> load(PlanExport.of(r.model(),
                ExecutionPlan.allCpu(r.model().grouped(), Precision.FP32), ActivationEncoding.UINT8, "fp32 reference"),
                sample, false));
        return outputs(l, sample);
    }

    @Override
    public String describe(ExecutionPlan plan) {
        Loaded l = plans.get(plan);
        if (l == null) {
            return "ONNX Runtime " + OrtRuntime.VERSION + ": not run";
        }
        Loaded ref = references.entrySet().stream().filter(e -> e.getKey().threads() == threads)
                .map(Map.Entry::getValue).findFirst().orElse(null);
        List<Loaded> timed = ref == null ? List.of(l) : List.of(l, ref);
        List<InterleavedRuns.Timing> stats = InterleavedRuns.interleave(ROUNDS, timed.stream()
                .map(m -> (Runnable) () -> m.chain().time(feed(m, m.sample()), 0, 1)).toList());
        InterleavedRuns.Timing t = stats.get(0);
        String fp32 = ref == null ? ""
                : String.format(Locale.ROOT, ", fp32 model %.2f ms", stats.get(1).medianMs());
        int sessions = l.sessions();
        return String.format(Locale.ROOT, "ONNX Runtime %s CPU provider, %d thread%s, %d session%s: measured latency"
                        + " %.2f ms (p10 %.2f, p90 %.2f; median of %d timed runs in %d rounds interleaved with the fp32"
                        + " model)%s",
                OrtRuntime.VERSION, threads, threads == 1 ? "" : "s", sessions, sessions == 1 ? "" : "s",
                t.medianMs(), t.p10Ms(), t.p90Ms(), t.runs(), ROUNDS, fp32) + OrtLayoutCheck.describe(l.plainPools());
    }

    private Loaded load(OnnxModels m, float[][] sample, boolean plan) {
        int sessions = plan && !m.partitions().isEmpty() ? m.partitions().size() : 1;
        // before the chain opens, so that a failing check leaves no session open; a plan run as several sessions
        // is laid out per partition, which one session of the whole export would not show
        List<OrtLayoutCheck.PlainPool> plainPools = plan && sessions == 1 ? OrtLayoutCheck.of(m, sample, threads)
                : List.of();
        OrtChain chain = OnnxRun.open(m, plan, OrtSettings.threads(threads));
        return new Loaded(m.inputs(), m.outputs(), sessions, chain, sample, plainPools);
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
