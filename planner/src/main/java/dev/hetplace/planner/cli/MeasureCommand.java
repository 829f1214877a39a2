package dev.hetplace.planner.cli;

import dev.hetplace.backends.cache.HetplaceCache;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.measure.EndToEndMeasurement;
import dev.hetplace.backends.measure.HostMeasurements;
import dev.hetplace.backends.measure.InterleavedRuns;
import dev.hetplace.backends.measure.MeasurementCsv;
import dev.hetplace.backends.measure.ModelShapeTiming;
import dev.hetplace.backends.ort.OrtRuntime;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.planner.onnx.OrtMeasurement;
import dev.hetplace.planner.onnx.WholeModelTiming;
import dev.hetplace.ir.files.AtomicWrite;
import dev.hetplace.planner.run.ExitCodes;
import dev.hetplace.planner.run.ModelInput;
import dev.hetplace.planner.validate.ExecutionRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code place measure --model M}: times every distinct conv2d / dense group shape of a model on this machine's
 * CPU in fp32 and int8 (and the casts around them) and writes the measurement-table CSV; the table is also kept in
 * the cache, where the built-in {@code host} platform takes the latest one.
 */
@Command(name = "measure", mixinStandardHelpOptions = true,
        description = "Time a model's group shapes on this CPU in fp32 and int8 and write the measurement table.")
public final class MeasureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "zoo name (see `place models`) or an .onnx / .json file")
    String model;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the table here (it is always kept in the"
            + " cache for --platform host)")
    Path out;

    @Option(names = {"--threads", "--cpu-threads"}, paramLabel = "N",
            description = "CPU threads (default: this machine's cores)")
    Integer threads;

    @Option(names = "--repeats", defaultValue = "10", paramLabel = "R",
            description = "timed runs per shape and precision after 2 warm-up runs (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--runtime", defaultValue = "java", paramLabel = "RUNTIME", description = "java (the project's CPU"
            + " kernels, default) or onnxruntime (profile the model's all-fp32 and all-int8 QDQ exports in ONNX"
            + " Runtime and take each group's kernel times, one export per max-pool shape for its pool edge and two"
            + " exports alternating fp32 and int8 for what each group pays at a precision edge; also time the whole"
            + " model, unprofiled, as all-fp32, all-int8 and TVM's rule on a CPU)")
    ExecutionRuntime runtime;

    static final int WARMUPS = 2;

    @Override
    public Integer call() {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + t);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        }
        boolean ort = runtime == ExecutionRuntime.ONNXRUNTIME;
        if (out != null) {
            OutputFiles.requireWritable(out, "--out");
        }
        ModelInput m = ModelInput.load(model);
        String modelColumn = WholeModelTiming.modelColumn(model);
        if (ort && modelColumn.contains(",")) {
            throw new IllegalArgumentException("model '" + modelColumn + "' holds a comma, which the measurement"
                    + " table's model column cannot hold; rename or move the file");
        }
        PrintWriter err = spec.commandLine().getErr();
        CalibratedModel timed = ort ? ortModel(m) : null;
        ModelShapeTiming.Result r = ort ? OrtMeasurement.measure(timed, t, WARMUPS, repeats)
                : ModelShapeTiming.measure(m.grouped(), t, WARMUPS, repeats, (done, total, shape, timings, ns) -> {
                    err.printf(Locale.ROOT, "measure %d/%d %s: fp32 %.1f us, int8 %.1f us (%.1f s)%n", done, total,
                            shape, timings.fp32().medianUs(), timings.int8().medianUs(), ns / 1e9);
                    err.flush();
                });
        if (r.shapes() == 0) {
            throw new IllegalArgumentException("model " + model + " has no conv2d or dense group a measurement table"
                    + " can hold");
        }
        List<EndToEndMeasurement> whole = ort ? WholeModelTiming.measure(timed, modelColumn, t,
                repeats) : List.of();
        StringWriter csv = new StringWriter();
        MeasurementCsv.write(csv, m.graph().name(), List.of(
                String.format(Locale.ROOT, "place measure --model %s%s: %d shapes (%d skipped), %d threads, %d"
                        + " warm-up + %d timed runs, median and p10/p90 of the timed runs", model, ort ? " --runtime onnxruntime"
                        : "", r.shapes(), r.skipped(), t, WARMUPS, repeats),
                ort ? "runtime: ONNX Runtime " + OrtRuntime.VERSION + " CPU provider, level ALL, each group's profiled"
                        + " kernel times in the all-fp32 and all-int8 (QDQ) exports, pass rows for the groups without a"
                        + " GEMM; pool_edge rows from one export per max-pool shape with its producer (a concat's"
                        + " first input) in fp32; edge_int8 / edge_fp32 rows from two exports alternating fp32 and int8"
                        + " by group depth; whole-model rows (op model):"
                        + " all-fp32, all-int8 and TVM's rule on a CPU, unprofiled, " + InterleavedRuns.WARMUPS
                        + " warm-up runs each, then " + Math.max(repeats, WholeModelTiming.MIN_RUNS) + " interleaved"
                        + " rounds of " + InterleavedRuns.SETTLE_RUNS + " untimed and "
                        + InterleavedRuns.TIMED_PER_VISIT
                        + " timed runs" : "runtime: hetplace CPU kernels",
                "machine: " + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors()
                        + " cores, java " + System.getProperty("java.version")), r.layers(), r.casts(), whole);
        if (out != null) {
            AtomicWrite.write(out, csv.toString());
        }
        Path cached = HostMeasurements.newFile(HetplaceCache.fromEnvironment(), m.graph().name(), LocalDateTime.now());
        write(cached, csv.toString());
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "measured %d shapes of %s (%d rows, %d threads)%s; kept as %s for --platform host%n",
                r.shapes(), m.graph().name(), r.layers().size() + r.casts().size() + whole.size(), t,
                out == null ? "" : ", written to " + out, cached);
        stdout.flush();
        return ExitCodes.OK;
    }

    /** The model with its weights (synthetic where it has none) and TVM's global scale: timing needs no calibration. */
    private static CalibratedModel ortModel(ModelInput m) {
        return CalibratedModel.prepare(m.grouped(), WeightMode.AUTO, CalibratedModel.DEFAULT_SEED,
                CalibrationMode.GLOBAL_SCALE, CalibrationInputs.synthetic(m.graph(), 1, CalibratedModel.DEFAULT_SEED),
                Parallel.common());
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        AtomicWrite.write(file, text);
    }
}
