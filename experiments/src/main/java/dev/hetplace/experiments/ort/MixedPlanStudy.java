package dev.hetplace.experiments.ort;

import dev.hetplace.backends.measure.InterleavedRuns;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.measure.MeasurementCsv;
import dev.hetplace.backends.measure.ModelShapeTiming;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.cost.CostTable;
import dev.hetplace.experiments.ort.MeasuredPlan.PlanKind;
import dev.hetplace.experiments.run.PlannerRuns;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.files.AtomicWrite;
import dev.hetplace.planner.domain.NoFeasiblePlanException;
import dev.hetplace.planner.domain.Pin;
import dev.hetplace.planner.domain.Plan;
import dev.hetplace.planner.numerics.ExecutionSettings;
import dev.hetplace.planner.numerics.RunNumerics;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.onnx.OnnxFiles;
import dev.hetplace.planner.onnx.OrtMeasurement;
import dev.hetplace.planner.onnx.PlanExport;
import dev.hetplace.planner.run.ModelInput;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.setting.PlaceSpelling;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.Wording;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.validate.OrtExecution;
import dev.hetplace.planner.validate.PlanValidator;
import dev.hetplace.planner.validate.Validation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The mixed-plans study (issue 15): do a plan's predicted group and crossing costs add up to what the whole plan
 * measures? Per model and thread count: the measurement {@code place measure --runtime onnxruntime} makes gives
 * this machine's table;
 * on {@code --platform host} built from that table the study plans the optimum (no budget, and at a budget), TVM's
 * rule on a CPU (stem and dense fp32, the rest int8), all-fp32, all-int8 and {@code mixes} random mixes (each group
 * that offers int8 takes fp32 or int8 at random, mix {@code i} seeded {@code seed + i}), all but the optima fixed
 * group by group with pins; exports each to ONNX (uint8 activations, as {@code place measure} ran them), checks
 * that every export holds the plan's choice for every group, and times all of them in ONNX Runtime in interleaved
 * rounds ({@link InterleavedOrtTiming}) beside their predicted end-to-end latency.
 *
 * <p>Usage: {@code java -cp experiments/target/hetplace-sweep.jar dev.hetplace.experiments.ort.MixedPlanStudy
 * MODELS THREADS ROUNDS MIXES SEED BUDGET_DB OUT_DIR} (MODELS and THREADS comma-separated); writes OUT_DIR's
 * {@code results.csv} and {@code report-table.md} ({@link MixedPlanReport}), keeping earlier rows of (model,
 * threads) pairs this run does not redo; work files (tables, profiles, exports) go to {@code OUT_DIR/work}.
 */
public final class MixedPlanStudy {
    static final int MEASURE_WARMUPS = 2;
    static final int MEASURE_REPEATS = 10;

    private MixedPlanStudy() {
    }

    public static void main(String[] args) {
        if (args.length != 7) {
            System.err.println("usage: MixedPlanStudy MODELS THREADS ROUNDS MIXES SEED BUDGET_DB OUT_DIR");
            System.exit(2);
        }
        try {
            int rounds = Integer.parseInt(args[2]);
            int mixes = Integer.parseInt(args[3]);
            long seed = Long.parseLong(args[4]);
            double budget = Double.parseDouble(args[5]);
            Path out = Path.of(args[6]);
            for (String model : args[0].split(",")) {
                for (String t : args[1].split(",")) {
                    int threads = Integer.parseInt(t);
                    List<MeasuredPlan> rows = run(model, threads, rounds, mixes, seed, budget, out.resolve("work"));
                    MixedPlanReport.merge(out, rows);
                    rows.forEach(r -> System.err.printf(Locale.ROOT, "%s t%d %-14s predicted %8.2f ms, measured %8.2f"
                            + " ms, %+6.1f%%%n", r.model(), r.threads(), r.plan(), r.predictedMs(),
                            r.timing().medianMs(), r.errorPct()));
                }
            }
        } catch (RuntimeException e) {
            System.err.println("MixedPlanStudy: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * What a study plans per model and thread count: the optimum without a budget and at each of {@code budgetsDb},
     * TVM's rule on a CPU, all-fp32, all-int8 and {@code mixes} random mixes (mix {@code i} seeded {@code seed + i});
     * with {@code validate} every plan is validated as {@code --validate --runtime onnxruntime} does (measured SQNR in
     * ORT on the calibration inputs, budgeted plans re-planned where they measure below their budget).
     */
    public record Design(List<Double> budgetsDb, int mixes, long seed, boolean validate) {
        public Design {
            budgetsDb = List.copyOf(budgetsDb);
        }
    }

    /** A measured plan with what the study asked of it and, when validated, what validation measured (else null). */
    public record Studied(MeasuredPlan measured, Double budgetDb, String stemPrecision, Validation validation) {
    }

    /** One model at one thread count: measure, plan, export, check, time. */
    public static List<MeasuredPlan> run(String model, int threads, int rounds, int mixes, long seed, double budgetDb,
                                         Path work) {
        return run(model, threads, rounds, new Design(List.of(budgetDb), mixes, seed, false), work).stream()
                .map(Studied::measured).toList();
    }

    /** One model at one thread count under {@code design}: measure, plan (and validate), export, check, time. */
    public static List<Studied> run(String model, int threads, int rounds, Design design, Path work) {
        String stem = Path.of(model).getFileName().toString().replace(".onnx", "-file") + "-t" + threads;
        PlannerRuns inputs = new PlannerRuns();
        ModelInput m = inputs.model(model);
        String loadBefore = InterleavedRuns.loadAverage();
        Path profile = hostProfile(m, threads, work, stem);
        String measureLoad = loadBefore + "-" + InterleavedRuns.loadAverage();
        CostTable table = PlacementRunner.price(spec(model, profile, PlanRequest.latency(), null), inputs).table();
        GroupPins pins = new GroupPins(m, table);
        CalibratedModel calibrated = RunNumerics.calibrated(ExecutionSettings.defaults(), m.grouped(),
                Parallel.common());
        OrtExecution validation = design.validate() ? new OrtExecution() : null;
        List<Path> files = new ArrayList<>();
        List<Studied> planned = new ArrayList<>();
        for (Map.Entry<StudyPlan, PlanKind> e : plans(pins, design).entrySet()) {
            StudyPlan p = e.getKey();
            PlacementResult r;
            try {
                r = PlacementRunner.run(spec(model, profile, PlanRequest.builder().minSqnrDb(p.minSqnrDb())
                        .pins(p.pins().stream().map(Pin::parse).toList()).build(), validation), inputs);
            } catch (NoFeasiblePlanException infeasible) {
                System.err.println(model + " t" + threads + " " + p.name() + ": no plan: " + infeasible.getMessage());
                continue;
            }
            Path onnx = work.resolve(stem + "-" + p.name() + ".onnx");
            OnnxFiles.write(onnx, PlanExport.of(calibrated, PlanValidator.executionPlan(r.plan(), table.platform()),
                    ActivationEncoding.UINT8, "plan on host"));
            Map<String, String> choices = choices(r.plan(), table);
            Map<String, String> exported = ExportedChoices.read(onnx);
            if (!exported.equals(choices)) {
                throw new IllegalStateException(onnx + " does not hold plan " + p.name() + ": exported " + exported
                        + ", planned " + choices);
            }
            files.add(onnx);
            int stemGroup = pins.stem();
            String stemPrecision = stemGroup < 0 ? "" : r.plan().choices().get(stemGroup).precision().id();
            planned.add(new Studied(new MeasuredPlan(model, threads, p.name(), e.getValue(), choices, int8(r.plan()),
                    precisionEdges(r.plan(), table), r.plan().evaluation().latencyNs() / 1e6,
                    r.plan().evaluation().crossingNs() / 1e6, measureLoad, null, onnx.toString()), p.minSqnrDb(),
                    stemPrecision, r.validation()));
        }
        if (validation != null) {
            validation.close();
        }
        List<InterleavedRuns.Timing> timed = InterleavedOrtTiming.time(threads, rounds, files);
        List<Studied> out = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            Studied s = planned.get(i);
            MeasuredPlan p = s.measured();
            out.add(new Studied(new MeasuredPlan(p.model(), p.threads(), p.plan(), p.kind(), p.choices(),
                    p.int8Groups(), p.precisionEdges(), p.predictedMs(), p.predictedCrossingMs(), p.measureLoad(),
                    timed.get(i), p.onnx()), s.budgetDb(), s.stemPrecision(), s.validation()));
        }
        return out;
    }

    /**
     * A run on the host profile's CPU, with {@code place}'s execution defaults (measured noise under a budget),
     * validated by {@code validation} when it is not null.
     */
    private static PlacementSpec spec(String model, Path profile, PlanRequest request, OrtExecution validation) {
        ExecutionSettings execution = validation == null ? ExecutionSettings.defaults()
                : ExecutionSettings.builder().validate(true).planExecution(validation).build();
        return PlacementSpec.builder(model, List.of("cpu"), request).platform(profile.toString())
                .execution(execution).build();
    }

    /** The study's plans in order, each with its kind. */
    static Map<StudyPlan, PlanKind> plans(GroupPins pins, Design design) {
        String fp32 = "cpu:fp32";
        String int8 = "cpu:int8";
        int stem = pins.stem();
        Map<StudyPlan, PlanKind> out = new LinkedHashMap<>();
        out.put(StudyPlan.solved("optimum", null), PlanKind.OPTIMUM);
        for (double budgetDb : design.budgetsDb()) {
            out.put(StudyPlan.solved(String.format(Locale.ROOT, "optimum-%sdB", trim(budgetDb)), budgetDb),
                    PlanKind.OPTIMUM);
        }
        out.put(StudyPlan.pinned("tvm-rule-cpu", pins.pins(g -> g == stem || pins.op(g).equals("dense")
                || !pins.offers(g, "cpu", Precision.INT8) ? fp32 : int8)), PlanKind.RULE);
        out.put(StudyPlan.pinned("all-fp32", pins.pins(g -> fp32)), PlanKind.PURE);
        out.put(StudyPlan.pinned("all-int8", pins.pins(g -> pins.offers(g, "cpu", Precision.INT8) ? int8 : fp32)),
                PlanKind.PURE);
        for (int i = 0; i < design.mixes(); i++) {
            Random r = new Random(design.seed() + i);
            out.put(StudyPlan.pinned("mix-s" + (design.seed() + i), pins.pins(g -> pins.offers(g, "cpu", Precision.INT8)
                    && r.nextBoolean() ? int8 : fp32)), PlanKind.RANDOM);
        }
        return out;
    }

    private static String trim(double db) {
        return db == Math.rint(db) ? Long.toString((long) db) : Double.toString(db);
    }

    /**
     * The measurement {@code place measure --runtime onnxruntime --model M --cpu-threads T} makes (the model's
     * all-fp32 and all-int8 exports profiled in ORT, 2 warm-up and 10 timed runs, weights and TVM's global scale as
     * there), written as its table, and a {@code host} profile calibrated on exactly that table.
     */
    static Path hostProfile(ModelInput model, int threads, Path work, String stem) {
        Wording place = PlaceSpelling.WORDING; // the table's comment is the place command it reproduces
        Path table = work.resolve(stem + "-costs.csv").toAbsolutePath();
        Path profile = work.resolve(stem + "-host.json").toAbsolutePath();
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + work + ": " + e.getMessage(), e);
        }
        ModelShapeTiming.Result r = OrtMeasurement.measure(timedModel(model), threads, MEASURE_WARMUPS, MEASURE_REPEATS);
        StringWriter csv = new StringWriter();
        MeasurementCsv.write(csv, model.graph().name(), List.of(String.format(Locale.ROOT,
                "MixedPlanStudy, as %s %s onnxruntime %s %s %s %d: %d shapes, %d warm-up + %d timed runs",
                place.name(Setting.MEASURE), place.name(Setting.RUNTIME), place.name(Setting.MODEL), model.spec(), place.name(Setting.CPU_THREADS),
                threads, r.shapes(), MEASURE_WARMUPS, MEASURE_REPEATS)), r.layers(), r.casts());
        AtomicWrite.write(table, csv.toString());
        try {
            AtomicWrite.write(profile, new ObjectMapper().writeValueAsString(Profiles.hostJson(table.toString(),
                    System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), threads)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + profile + ": " + e.getMessage(), e);
        }
        return profile;
    }

    /**
     * The model as {@code place measure --runtime onnxruntime} times it: its weights (synthetic where it has none)
     * and TVM's global scale, calibrated on one seeded synthetic input.
     */
    static CalibratedModel timedModel(ModelInput model) {
        return CalibratedModel.prepare(model.grouped(), WeightMode.AUTO, CalibratedModel.DEFAULT_SEED,
                CalibrationMode.GLOBAL_SCALE, CalibrationInputs.synthetic(model.graph(), 1,
                        CalibratedModel.DEFAULT_SEED), Parallel.common());
    }

    /** {@code device:precision} of every group, by group name. */
    static Map<String, String> choices(Plan plan, CostTable table) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int g = 0; g < plan.choices().size(); g++) {
            Choice c = plan.choices().get(g);
            out.put(table.graph().group(g).name(), c.device() + ":" + c.precision().id());
        }
        return out;
    }

    static int int8(Plan plan) {
        return (int) plan.choices().stream().filter(c -> c.precision() == Precision.INT8).count();
    }

    /** Producer-consumer group pairs whose precisions (or devices) differ: where a plan pays a crossing. */
    static int precisionEdges(Plan plan, CostTable table) {
        int n = 0;
        for (int g = 0; g < plan.choices().size(); g++) {
            for (int c : table.graph().consumers(g)) {
                Choice a = plan.choices().get(g);
                Choice b = plan.choices().get(c);
                n += a.precision() != b.precision() || !a.device().equals(b.device()) ? 1 : 0;
            }
        }
        return n;
    }
}
