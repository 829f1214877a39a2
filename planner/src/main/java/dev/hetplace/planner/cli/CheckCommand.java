package dev.hetplace.planner.cli;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.planner.check.PlanCheck;
import dev.hetplace.planner.check.PlanCheckResult;
import dev.hetplace.planner.numerics.ExecutionSettings;
import dev.hetplace.planner.numerics.RunNumerics;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.onnx.OnnxExport;
import dev.hetplace.planner.run.ErrorLine;
import dev.hetplace.planner.run.ExitCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code place check --plan plan.json}: re-reads a plan and recomputes its cost from today's cost models. A
 * recorded total that differs from the recomputed one prints both, flagged MISMATCH, and exits 2: the plan no
 * longer describes what the tool computes (it was edited, or the cost models changed). {@code --export onnx
 * --out FILE} writes the checked plan as ONNX; {@code --model} checks it against another model file (one line and
 * exit 2 when the plan's groups are not that model's, nothing written).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Re-read a plan written by `place --format json` and recompute its cost.")
public final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--plan", required = true, description = "plan JSON file")
    Path plan;

    @Option(names = "--model", description = "check the plan against this model instead of the one it names (a"
            + " moved model file); a plan made for another model is refused")
    String model;

    @Option(names = "--export", description = "onnx: write the checked plan as ONNX to --out (the model's weights,"
            + " synthetic where it has none; TVM's global scale)")
    String export;

    @Option(names = "--out", description = "--export onnx: the file written (and its partitions and manifest)")
    Path out;

    @Option(names = "--onnx-activations", paramLabel = "int8|uint8", description = "as for place --export onnx")
    ActivationEncoding onnxActivations = ActivationEncoding.INT8;

    @Override
    public Integer call() {
        if (export != null && !export.equals("onnx")) {
            throw new IllegalArgumentException("--export must be onnx for place check, got '" + export + "'");
        }
        ActivationEncoding activations = onnxActivations;
        if (export != null) {
            if (out == null) {
                throw new IllegalArgumentException("--export onnx needs --out FILE.onnx (the model is binary)");
            }
            OutputFiles.requireWritable(out, "--out");
        }
        PlanCheckResult r = PlanCheck.check(plan, model, PlaceFlags.WORDING);
        var stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s: %s on %s, %d groups%n", plan, r.model(), r.platform(), r.groups());
        stdout.printf(Locale.ROOT, "recorded  %12.3f ms%nrecomputed %11.3f ms (%s)%n", r.recordedNs() / 1e6,
                r.recomputedNs() / 1e6, r.recordedNs() == r.recomputedNs() ? "identical"
                        : r.recordedNs() == 0 ? "MISMATCH" : String.format(Locale.ROOT, "MISMATCH %+.2f%%",
                        100.0 * (r.recomputedNs() - r.recordedNs()) / r.recordedNs()));
        if (r.violation() != null) {
            stdout.println("the plan breaks a constraint now: " + r.violation());
        }
        stdout.flush();
        if (r.recordedNs() != r.recomputedNs()) {
            spec.commandLine().getErr().println(ErrorLine.of("place", String.format(Locale.ROOT,
                    "%s: plan.totals.totalNs %d does not match the recomputed %d ns: the file was edited or the cost"
                    + " models changed since it was written (re-plan to refresh it)", plan, r.recordedNs(),
                    r.recomputedNs())));
            return ExitCodes.USAGE;
        }
        if (export != null) {
            CalibratedModel calibrated = RunNumerics.calibrated(ExecutionSettings.defaults(), r.grouped(),
                    Parallel.common());
            List<Path> files = OnnxPlanFiles.write(calibrated, r.execution(), r.platform(), out, activations);
            stdout.println("exported ONNX (opset " + OnnxExport.OPSET + "): "
                    + String.join(", ", files.stream().map(Path::toString).toList()));
            stdout.flush();
        }
        return ExitCodes.OK;
    }
}
