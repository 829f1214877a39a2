package dev.hetplace.planner.cli;

import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.Pin;
import dev.hetplace.planner.explain.BreakEven;
import dev.hetplace.planner.explain.Explainer;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.provenance.BuildInfo;
import dev.hetplace.planner.report.PlanJson;
import dev.hetplace.planner.report.PlanTable;
import dev.hetplace.planner.report.Timeline;
import dev.hetplace.planner.report.TimelineRenderer;
import dev.hetplace.ir.files.AtomicWrite;
import dev.hetplace.planner.run.BreakEvenProbe;
import dev.hetplace.planner.run.ErrorLine;
import dev.hetplace.planner.run.NoModelException;
import dev.hetplace.planner.run.ExitCodes;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.RunInputs;
import dev.hetplace.planner.setting.SettingException;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.solve.SolverKind;
import dev.hetplace.planner.tvm.TvmExport;
import dev.hetplace.planner.tvm.TvmExportResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code place}: decides where every group of a model runs; its subcommands inspect models, costs and plans. */
@Command(name = "place", mixinStandardHelpOptions = true, versionProvider = BuildInfo.VersionLine.class,
        description = "Decides, for every layer group of a model, which device runs it and at what precision.",
        subcommands = {ModelsCommand.class, InspectCommand.class, PlatformsCommand.class, CheckCommand.class, CostCommand.class,
                CalibrateCommand.class, MeasureCommand.class})
public final class PlaceCommand implements Callable<Integer> {
    /**
     * Steps of Timefold alone (no DP seed): the fewest of those measured (1,000, 2,000, 5,000) at which every zoo
     * model on pynq-z1 and x86-h200 came within 0.5% of the exact optimum under the latency objective, seed 0.
     */
    static final int UNSEEDED_TIMEFOLD_STEPS = 5000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PlaceOptions what;

    @Mixin
    ExecutionOptions execution;

    @Option(names = "--objective", defaultValue = "latency", description = "latency (default) or throughput")
    Objective objective;

    @Option(names = "--min-sqnr", paramLabel = "DB", description = "accuracy budget: minimum output SQNR in dB")
    Double minSqnr;

    @Option(names = "--pin", paramLabel = "LAYER=DEVICE:PRECISION",
            description = "fix a group, e.g. conv0=cpu:fp32 (layer as #index, exact name or convN; repeatable)")
    List<String> pins = new ArrayList<>();

    @Option(names = "--tvm-compatible", description = "only plans TVM's VTA flow (qconfig + graph_pack) can build")
    boolean tvmCompatible;

    @Option(names = "--no-memory-limit", description = "ignore device memory capacity")
    boolean noMemoryLimit;

    @Option(names = "--solver", defaultValue = "auto", description = "auto (default), exact, cpsat or timefold")
    SolverKind solver;

    @Option(names = "--seed", defaultValue = "0", description = "random seed of the Timefold solver (default 0)")
    long seed;

    @Option(names = "--timefold-steps",
            description = "local search steps of the Timefold solver (default " + PlanRequest.DEFAULT_TIMEFOLD_STEPS
                    + "; " + UNSEEDED_TIMEFOLD_STEPS + " for --solver timefold --no-dp-seed)")
    Integer timefoldSteps;

    @Option(names = "--no-dp-seed", description = "start Timefold from its own construction, not the DP's plan")
    boolean noDpSeed;

    @Option(names = "--format", defaultValue = "table", description = "table (default), json or csv")
    ReportFormat format;

    @Option(names = "--explain", arity = "0..1", fallbackValue = "*", paramLabel = "LAYER",
            description = "explain every group's choices, or one group's (e.g. --explain conv0)")
    String explain;

    @Option(names = "--export", description = "tvm, json or onnx: write the plan for another compiler to --out"
            + " (onnx: the model with the plan's precisions as QDQ and casts; one file per device region too)")
    ExportFormat export;

    @Option(names = "--out", description = "file the export is written to (default: standard output)")
    Path out;

    @Option(names = "--onnx-activations", paramLabel = "int8|uint8", description = "--export onnx: int8 groups'"
            + " activations as int8 with zero point 0 (default; TensorRT) or uint8 with zero point 128 (the same grid;"
            + " ONNX Runtime's x86 CPU provider runs every conv as QLinearConv)")
    ActivationEncoding onnxActivations = ActivationEncoding.INT8;

    @Option(names = "--timeline", paramLabel = "FILE", description = "draw the plan as a timeline (.svg or .png)")
    Path timeline;

    @Override
    public Integer call() {
        if (what.model == null) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return ExitCodes.USAGE;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        String timelineKind = timeline == null ? null : timelineKind(timeline);
        if (timeline != null && out != null && OutputFiles.same(timeline, out)) {
            throw new IllegalArgumentException("--timeline and --out name the same file " + out
                    + ": one would overwrite the other");
        }
        for (Path file : new Path[] {timeline, out}) {
            if (file != null) {
                OutputFiles.requireWritable(file, file == timeline ? "--timeline" : "--out");
            }
        }
        CalibrationAhead ahead = new CalibrationAhead();
        PlacementResult r = PlacementRunner.run(what.spec(request(),
                execution.settings(spec.commandLine().getErr())), export == ExportFormat.ONNX ? ahead : RunInputs.FRESH);
        Integer explained = explain == null || explain.equals("*") ? null : r.resolver().group(explain);
        if (r.validation() != null && !r.validation().meets(minSqnr)) {
            return refuseUnderBudget(r, stdout);
        }
        if (timeline != null) {
            var bars = Timeline.bars(r);
            String title = r.modelName() + " on " + r.problem().table().platform().name() + ": "
                    + String.format(Locale.ROOT, "%.3f ms", r.plan().evaluation().latencyNs() / 1e6);
            if (timelineKind.equals("svg")) {
                AtomicWrite.write(timeline, TimelineRenderer.svg(bars, title));
            } else {
                AtomicWrite.write(timeline, TimelineRenderer.png(bars, title));
            }
        }
        if (export != null) {
            return export(r, ahead, stdout);
        }
        printReport(r, stdout);
        if (explain != null) {
            stdout.println();
            if (explain.equals("*")) {
                for (int g = 0; g < r.problem().groupCount(); g++) {
                    Explainer.explain(r.problem(), r.plan(), g, stdout);
                }
            } else {
                Explainer.explain(r.problem(), r.plan(), explained, stdout);
                printBreakEven(r, explained, stdout);
            }
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /**
     * The executed plan measured below --min-sqnr even after re-planning: the report still goes to stdout (it shows
     * the measurements), but no timeline or export is written, and the exit code says no feasible plan was found.
     */
    private int refuseUnderBudget(PlacementResult r, PrintWriter stdout) {
        printReport(r, stdout);
        stdout.flush();
        int replans = r.validation().rejected().size();
        spec.commandLine().getErr().printf(Locale.ROOT, "place: the executed plan measures %.2f dB on the calibration"
                + " inputs, below --min-sqnr %s, after %d re-plan%s (--replans %d); no file written%n",
                r.validation().measuredSqnrDb(), minSqnr, replans, replans == 1 ? "" : "s",
                r.spec().execution().maxReplans());
        spec.commandLine().getErr().flush();
        return ExitCodes.INFEASIBLE;
    }

    private void printReport(PlacementResult r, PrintWriter stdout) {
        switch (format) {
            case JSON -> stdout.print(PlanJson.write(r));
            case CSV -> PlanCsv.print(r, stdout);
            case TABLE -> PlanTable.print(r, stdout);
        }
    }

    private static void printBreakEven(PlacementResult r, int group, PrintWriter out) {
        var results = BreakEvenProbe.probe(r, group);
        if (results.isEmpty()) {
            out.println("  break-even: no device of this choice has a clock parameter to move");
        }
        for (BreakEven.Result b : results) {
            if (b.flips()) {
                out.printf(Locale.ROOT, "  break-even: %s %.4g -> %.4g (x%.3f): the group moves from %s to %s%n",
                        b.parameter(), b.current(), b.threshold(), b.factor(), b.now(), b.flippedTo());
            } else {
                out.printf(Locale.ROOT, "  break-even: %s from %.4g to %.4g (x%.3g) does not change the decision%n",
                        b.parameter(), b.current(), b.threshold(), b.factor());
            }
        }
    }

    private static String timelineKind(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".svg")) {
            return "svg";
        }
        if (n.endsWith(".png")) {
            return "png";
        }
        throw new IllegalArgumentException("--timeline " + file + ": the file must end in .svg or .png");
    }

    private PlanRequest request() {
        SolverKind kind = solver;
        String budgetProblem = PlanRequest.budgetProblem(minSqnr);
        if (budgetProblem != null) {
            throw new IllegalArgumentException("--min-sqnr " + budgetProblem);
        }
        if (timefoldSteps != null && timefoldSteps < 1) {
            throw new IllegalArgumentException("--timefold-steps must be at least 1, got " + timefoldSteps);
        }
        if (export == ExportFormat.ONNX && out == null) {
            throw new IllegalArgumentException("--export onnx needs --out FILE.onnx (the model is binary)");
        }
        return PlanRequest.builder().objective(objective).minSqnrDb(minSqnr).pins(pins.stream().map(Pin::parse).toList())
                .tvmCompatible(tvmCompatible).enforceMemory(!noMemoryLimit).solver(kind).seed(seed).dpSeed(!noDpSeed)
                .timefoldSteps(timefoldSteps != null ? timefoldSteps : kind == SolverKind.TIMEFOLD && noDpSeed
                        ? UNSEEDED_TIMEFOLD_STEPS : PlanRequest.DEFAULT_TIMEFOLD_STEPS).wording(PlaceFlags.WORDING)
                .build();
    }

    private int export(PlacementResult r, CalibrationAhead ahead, PrintWriter stdout) {
        if (export == ExportFormat.ONNX) {
            List<Path> files = OnnxPlanFiles.write(r, ahead, out, onnxActivations);
            stdout.println("exported ONNX (opset " + dev.hetplace.planner.onnx.OnnxExport.OPSET + "): "
                    + String.join(", ", files.stream().map(Path::toString).toList()));
            stdout.flush();
            return ExitCodes.OK;
        }
        String text;
        if (export == ExportFormat.JSON) {
            text = PlanJson.write(r);
        } else {
            TvmExportResult t = TvmExport.of(r);
            if (!t.expressible()) {
                return refuseTvmExport(r, t.refusal());
            }
            warnIfCalibrationDiffersFromTvms(r);
            text = t.python() + "\n# As JSON:\n# " + TvmExport.toJson(t.json()).replace("\n", "\n# ").trim() + "\n";
            if (out != null && out.toString().endsWith(".json")) {
                text = TvmExport.toJson(t.json());
            }
        }
        if (out == null) {
            stdout.print(text);
            stdout.flush();
        } else {
            AtomicWrite.write(out, text);
        }
        return ExitCodes.OK;
    }

    /**
     * A plan TVM's flow cannot build exactly as priced: nothing is written, the reason and what {@code --tvm-compatible}
     * gives on the same costs go to standard error, and the exit code says no feasible (buildable) plan was found.
     */
    private int refuseTvmExport(PlacementResult r, String reason) {
        String alternative;
        if (r.request().tvmCompatible()) {
            alternative = "";
        } else {
            try {
                PlacementResult tvm = PlacementRunner.run(what.spec(request().toBuilder().tvmCompatible(true).build(),
                        execution.settings(spec.commandLine().getErr())));
                alternative = String.format(Locale.ROOT, "; --tvm-compatible gives a plan TVM builds: %.3f ms (this plan"
                        + " %.3f ms)", tvm.plan().evaluation().latencyNs() / 1e6, r.plan().evaluation().latencyNs() / 1e6);
            } catch (dev.hetplace.planner.domain.NoFeasiblePlanException | IllegalArgumentException e) {
                alternative = "; --tvm-compatible finds no plan either: "
                        + SettingException.message(e, PlaceFlags.WORDING);
            }
        }
        spec.commandLine().getErr().println("place: TVM's VTA flow cannot build this plan: " + reason
                + "; nothing written" + alternative);
        spec.commandLine().getErr().flush();
        return ExitCodes.INFEASIBLE;
    }

    /**
     * TVM's qconfig calibrates with global_scale (8.0, what the export writes), kl_divergence or percentile; it has
     * no per-tensor max mode, so a plan whose noise was measured under {@code --calibration max} is exported with
     * scales its accuracy was not measured under.
     */
    private void warnIfCalibrationDiffersFromTvms(PlacementResult r) {
        boolean executed = r.validation() != null || r.problem().table().noiseMeasured();
        if (executed && r.spec().execution().calibration() == CalibrationMode.MAX) {
            spec.commandLine().getErr().println("place: warning: this plan's accuracy was measured with --calibration"
                    + " max, which TVM's qconfig cannot express; the export uses TVM's global_scale=8.0 (re-plan with"
                    + " --calibration global-scale for an export whose accuracy was measured)");
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; bad input becomes one line on err and exit code 2. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = Choice.registerAll(new CommandLine(new PlaceCommand()));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            int code = ExitCodes.of(ex);
            if (code == ExitCodes.INTERNAL) {
                return ErrorLine.internal("place", ex, err);
            }
            err.println(ErrorLine.of("place", ex instanceof NoModelException ? PlaceOptions.MODEL_REQUIRED
                    : SettingException.message(ex, PlaceFlags.WORDING)));
            return code;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(ErrorLine.of("place", Choice.message(ex)));
            return ExitCodes.USAGE;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            code = ErrorLine.internal("place", e, err);
        }
        out.flush();
        err.flush();
        return code;
    }
}
