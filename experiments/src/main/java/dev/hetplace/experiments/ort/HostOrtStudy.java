package dev.hetplace.experiments.ort;

import dev.hetplace.backends.measure.InterleavedRuns;
import dev.hetplace.planner.validate.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The host-onnxruntime study (issue 12) in one process: per model and thread count, what {@code place measure
 * --runtime onnxruntime} measures, then the optimum with no budget, at 30 dB and at 40 dB, all-fp32, all-int8 and
 * TVM's rule on a CPU, each validated as {@code --validate --runtime onnxruntime} validates it, exported (uint8
 * activations) and timed in ONNX Runtime in interleaved rounds ({@link MixedPlanStudy} with this design). Prints one
 * CSV row per plan on standard output as each (model, threads) pair finishes, in the columns of the study's
 * {@code results.csv} ({@link #COLUMNS}); {@code experiments/specs/host-onnxruntime/run.py} runs it and writes the
 * report.
 *
 * <p>Usage: {@code java -cp experiments/target/hetplace-sweep.jar dev.hetplace.experiments.ort.HostOrtStudy MODELS
 * THREADS ROUNDS WORK_DIR} (MODELS and THREADS comma-separated).
 */
public final class HostOrtStudy {
    static final MixedPlanStudy.Design DESIGN = new MixedPlanStudy.Design(List.of(30.0, 40.0), 0, 0, true);
    static final String COLUMNS = "model,threads,plan,budget_db,int8_groups,groups,stem_precision,predicted_ms,"
            + "predicted_sqnr_db,measured_sqnr_db,replans,onnx,measured_ms,p10_ms,p90_ms,runs,load_before,load_after,"
            + "error_pct";

    private HostOrtStudy() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: HostOrtStudy MODELS THREADS ROUNDS WORK_DIR");
            System.exit(2);
        }
        try {
            int rounds = Integer.parseInt(args[2]);
            System.out.println(COLUMNS);
            for (String model : args[0].split(",")) {
                for (String t : args[1].split(",")) {
                    int threads = Integer.parseInt(t);
                    long t0 = System.nanoTime();
                    for (MixedPlanStudy.Studied s : MixedPlanStudy.run(model, threads, rounds, DESIGN,
                            Path.of(args[3]))) {
                        System.out.println(row(s));
                    }
                    System.out.flush();
                    System.err.printf(Locale.ROOT, "%s t%d: %.1f s%n", model, threads, (System.nanoTime() - t0) / 1e9);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("HostOrtStudy: " + e.getMessage());
            System.exit(2);
        }
    }

    /** One plan as a {@link #COLUMNS} row (SQNR blank where the plan has no quantization noise). */
    static String row(MixedPlanStudy.Studied s) {
        MeasuredPlan p = s.measured();
        Validation v = s.validation();
        InterleavedRuns.Timing t = p.timing();
        return String.join(",", p.model(), Integer.toString(p.threads()), p.plan(),
                s.budgetDb() == null ? "" : db(s.budgetDb()), Integer.toString(p.int8Groups()),
                Integer.toString(p.choices().size()), s.stemPrecision(), ms(p.predictedMs()),
                v == null ? "" : db(v.predictedSqnrDb()), v == null ? "" : db(v.measuredSqnrDb()),
                Integer.toString(v == null ? 0 : v.rejected().size()), p.onnx(), ms(t.medianMs()), ms(t.p10Ms()),
                ms(t.p90Ms()), Integer.toString(t.runs()), t.loadBefore(), t.loadAfter(),
                String.format(Locale.ROOT, "%.1f", p.errorPct()));
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String db(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "";
    }
}
