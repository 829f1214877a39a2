package dev.hetplace.experiments.ort;

import dev.hetplace.backends.measure.InterleavedRuns;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.ort.OrtChain;
import dev.hetplace.backends.ort.OrtModel;
import dev.hetplace.backends.ort.OrtProfile;
import dev.hetplace.backends.ort.OrtProvider;
import dev.hetplace.backends.ort.OrtRuntime;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.cost.CostTable;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.files.AtomicWrite;
import dev.hetplace.planner.domain.Pin;
import dev.hetplace.planner.numerics.ExecutionSettings;
import dev.hetplace.planner.numerics.RunNumerics;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.onnx.OnnxFiles;
import dev.hetplace.planner.onnx.OnnxModels;
import dev.hetplace.planner.onnx.PlanExport;
import dev.hetplace.planner.run.ModelInput;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.experiments.run.PlannerRuns;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.validate.PlanValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Mixed GPU/CPU plans of a model on x86-h200 (issue 15) and its whole all-GPU export at every precision (issue 12),
 * run in ONNX Runtime beside their predicted latency: the x86-h200 optimum (and one without bf16), all-GPU fp32 /
 * fp16 / bf16 / int8 (QDQ), all-GPU fp16 with every residual add on the host CPU, and {@code mixes} random device
 * mixes (each group on the GPU in fp16 or on the host in fp32, mix {@code i} seeded {@code seed + i}). Each plan is
 * exported (int8 activations, zero point 0, as CUDA and TensorRT take them) with its partitions and manifest,
 * checked to hold the plan's choices, opened from the manifest with a GPU partition on {@code PROVIDER} and a host
 * partition on the CPU provider at the profile's host threads (4; fewer on a machine with fewer cores), profiled
 * once (which provider ran how many nodes) and timed in interleaved rounds. A plan ORT cannot run on this provider
 * is recorded as failed with ORT's one-line reason.
 *
 * <p>Usage (see {@code experiments/gpu/README.md}; {@code cpu} is the dry run: every partition on the CPU
 * provider): {@code java -cp ORT_JAR:SWEEP_JAR_WITHOUT_ORT dev.hetplace.experiments.ort.GpuPlanTiming PROVIDER
 * MODEL ROUNDS MIXES SEED MACHINE OUT.csv}
 */
public final class GpuPlanTiming {
    static final String PLATFORM = "x86-h200";
    static final List<String> COLUMNS = List.of("machine", "provider", "onnxruntime", "model", "plan", "partitions",
            "gpu_groups", "host_groups", "precisions", "predicted_ms", "predicted_crossing_ms", "measured_ms", "p10_ms",
            "p90_ms", "runs", "error_pct", "nodes_by_provider", "load_before", "load_after", "status");

    private GpuPlanTiming() {
    }

    /** One plan's figures; {@code timing} is null (and {@code status} ORT's reason) when it did not run. */
    public record Row(String plan, int partitions, int gpuGroups, int hostGroups, String precisions,
                      double predictedMs, double predictedCrossingMs, InterleavedRuns.Timing timing,
                      String nodesByProvider, String status) {
        public double errorPct() {
            return timing == null ? Double.NaN : 100.0 * (predictedMs - timing.medianMs()) / timing.medianMs();
        }
    }

    public static void main(String[] args) {
        if (args.length != 7) {
            System.err.println("usage: GpuPlanTiming PROVIDER MODEL ROUNDS MIXES SEED MACHINE OUT.csv");
            System.exit(2);
        }
        try {
            OrtProvider provider = OrtProvider.parse(args[0]);
            Path out = Path.of(args[6]);
            Path work = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.csv$", "") + "-exports");
            List<Row> rows = run(provider, args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4]), work);
            AtomicWrite.write(out, csv(args[5], provider, args[1], rows));
            for (Row r : rows) {
                System.err.printf(Locale.ROOT, "%-16s predicted %8.3f ms, measured %s  %s%n", r.plan(), r.predictedMs(),
                        r.timing() == null ? "-" : String.format(Locale.ROOT, "%8.3f ms (%+.1f%%)",
                                r.timing().medianMs(), r.errorPct()), r.status());
            }
            System.err.println("wrote " + out);
        } catch (RuntimeException e) {
            System.err.println("GpuPlanTiming: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Plans, exports, checks, profiles and times every plan; GPU partitions on {@code provider}. */
    public static List<Row> run(OrtProvider provider, String model, int rounds, int mixes, long seed, Path work) {
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + work + ": " + e.getMessage(), e);
        }
        PlannerRuns inputs = new PlannerRuns();
        CostTable table = PlacementRunner.price(spec(model, PlanRequest.latency()), inputs).table();
        ModelInput m = inputs.model(model);
        GroupPins pins = new GroupPins(m, table);
        CalibratedModel calibrated = RunNumerics.calibrated(ExecutionSettings.defaults(), m.grouped(),
                Parallel.common());
        int hostThreads = Math.min(table.platform().device("cpu").orElseThrow().threads(),
                Runtime.getRuntime().availableProcessors());
        Map<String, OrtSettings> byDevice = Map.of("gpu", OrtSettings.threads(hostThreads).on(provider),
                "cpu", OrtSettings.threads(hostThreads));
        List<Row> rows = new ArrayList<>();
        List<Runnable> subjects = new ArrayList<>();
        List<Integer> timedRows = new ArrayList<>();
        List<OrtChain> open = new ArrayList<>();
        try {
            for (StudyPlan p : plans(pins, mixes, seed)) {
                PlacementResult r = PlacementRunner.run(spec(model, PlanRequest.builder()
                        .pins(p.pins().stream().map(Pin::parse).toList()).build()).toBuilder()
                        .precisions(p.precisions()).build(), inputs);
                Path onnx = work.resolve(p.name() + ".onnx");
                OnnxModels x = PlanExport.of(calibrated, PlanValidator.executionPlan(r.plan(), table.platform()),
                        ActivationEncoding.INT8, "plan on " + PLATFORM);
                OnnxFiles.write(onnx, x);
                Map<String, String> planned = MixedPlanStudy.choices(r.plan(), table);
                if (!ExportedChoices.read(onnx).equals(planned)) {
                    throw new IllegalStateException(onnx + " does not hold plan " + p.name());
                }
                int gpu = (int) planned.values().stream().filter(c -> c.startsWith("gpu:")).count();
                String precisions = String.join("+", new java.util.TreeSet<>(planned.values()));
                double predicted = r.plan().evaluation().latencyNs() / 1e6;
                double crossing = r.plan().evaluation().crossingNs() / 1e6;
                int parts = Math.max(1, x.partitions().size());
                String device = planned.values().iterator().next().split(":")[0];
                try {
                    String providers = providers(onnx, device, byDevice, x);
                    ManifestChain.Opened c = ManifestChain.open(onnx, device, byDevice::get);
                    open.add(c.chain());
                    Map<String, float[]> feed = feed(x, c.chain());
                    c.chain().run(feed, x.outputs());
                    subjects.add(() -> c.chain().run(feed, x.outputs()));
                    timedRows.add(rows.size());
                    rows.add(new Row(p.name(), parts, gpu, planned.size() - gpu, precisions, predicted, crossing, null,
                            providers, "ok"));
                } catch (RuntimeException e) {
                    rows.add(new Row(p.name(), parts, gpu, planned.size() - gpu, precisions, predicted, crossing, null,
                            "", "failed: " + e.getMessage()));
                }
            }
            List<InterleavedRuns.Timing> timed = InterleavedRuns.interleave(rounds, subjects);
            for (int i = 0; i < timedRows.size(); i++) {
                Row r = rows.get(timedRows.get(i));
                rows.set(timedRows.get(i), new Row(r.plan(), r.partitions(), r.gpuGroups(), r.hostGroups(),
                        r.precisions(), r.predictedMs(), r.predictedCrossingMs(), timed.get(i), r.nodesByProvider(),
                        r.status()));
            }
            return rows;
        } finally {
            open.forEach(OrtChain::close);
        }
    }

    private static PlacementSpec spec(String model, PlanRequest request) {
        return PlacementSpec.builder(model, List.of("cpu", "gpu"), request).platform(PLATFORM).build();
    }

    /** The plans, in order: the optimum, all-GPU per precision, residual adds on the host, random device mixes. */
    static List<StudyPlan> plans(GroupPins pins, int mixes, long seed) {
        List<StudyPlan> out = new ArrayList<>();
        out.add(StudyPlan.solved("optimum", null));
        // ONNX Runtime's CPU provider has no bf16 Conv (whether CUDA's has, a GPU run shows): an optimum without bf16
        out.add(StudyPlan.solvedAt("optimum-no-bf16", List.of("fp32", "tf32", "fp16", "int8")));
        for (Precision p : List.of(Precision.FP32, Precision.FP16, Precision.BF16, Precision.INT8)) {
            out.add(StudyPlan.pinned("all-gpu-" + p.id(), pins.pins(gpuAt(pins, p))));
        }
        IntFunction<String> fp16 = gpuAt(pins, Precision.FP16);
        out.add(StudyPlan.pinned("adds-on-host", pins.pins(g -> pins.op(g).equals("add") ? "cpu:fp32"
                : fp16.apply(g))));
        for (int i = 0; i < mixes; i++) {
            Random r = new Random(seed + i);
            out.add(StudyPlan.pinned("mix-dev-s" + (seed + i), pins.pins(g -> r.nextBoolean()
                    && pins.offers(g, "cpu", Precision.FP32) ? "cpu:fp32" : fp16.apply(g))));
        }
        return out;
    }

    /** Group g on the GPU at {@code p}, at fp32 where the GPU lacks p for it, on the host where it lacks the op. */
    private static IntFunction<String> gpuAt(GroupPins pins, Precision p) {
        return g -> pins.offers(g, "gpu", p) ? "gpu:" + p.id() : pins.offers(g, "gpu", Precision.FP32) ? "gpu:fp32"
                : "cpu:fp32";
    }

    /** Seeded values for every graph input, shaped as the first session that reads it declares. */
    private static Map<String, float[]> feed(OnnxModels x, OrtChain chain) {
        Random values = new Random(InterleavedRuns.SEED);
        Map<String, float[]> feed = new LinkedHashMap<>();
        for (String name : x.inputs()) {
            OrtModel reader = chain.models().stream().filter(mm -> mm.inputNames().contains(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no partition reads graph input " + name));
            feed.put(name, InterleavedOrtTiming.gaussian(values, reader.inputShape(name)));
        }
        return feed;
    }

    /** Distinct nodes per provider in one profiled run of the chain, as {@code provider:count;...}. */
    private static String providers(Path onnx, String device, Map<String, OrtSettings> byDevice, OnnxModels x) {
        ManifestChain.Opened c = ManifestChain.open(onnx, device, d -> byDevice.get(d).profiled());
        try (OrtChain chain = c.chain()) {
            chain.run(feed(x, chain), x.outputs());
            Map<String, Integer> count = new TreeMap<>();
            for (OrtProfile prof : chain.endProfiling()) {
                prof.providers().values().forEach(p -> count.merge(p, 1, Integer::sum));
            }
            StringBuilder s = new StringBuilder();
            count.forEach((p, n) -> s.append(s.length() == 0 ? "" : ";").append(p).append(':').append(n));
            return s.toString();
        }
    }

    static String csv(String machine, OrtProvider provider, String model, List<Row> rows) {
        StringBuilder s = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Row r : rows) {
            InterleavedRuns.Timing t = r.timing();
            List<String> f = List.of(machine, provider.id(), OrtRuntime.VERSION, model, r.plan(),
                    Integer.toString(r.partitions()), Integer.toString(r.gpuGroups()), Integer.toString(r.hostGroups()),
                    r.precisions(), fmt(r.predictedMs()), fmt(r.predictedCrossingMs()),
                    t == null ? "" : fmt(t.medianMs()), t == null ? "" : fmt(t.p10Ms()),
                    t == null ? "" : fmt(t.p90Ms()), t == null ? "" : Integer.toString(t.runs()),
                    t == null ? "" : String.format(Locale.ROOT, "%.1f", r.errorPct()), r.nodesByProvider(),
                    t == null ? "" : t.loadBefore(), t == null ? "" : t.loadAfter(), r.status());
            s.append(String.join(",", f.stream().map(GpuPlanTiming::field).toList())).append('\n');
        }
        return s.toString();
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.3f", ms);
    }

    /** A CSV field on one line without commas (ORT's messages have both). */
    private static String field(String v) {
        return v.replaceAll("\\s+", " ").replace(',', ';');
    }
}
