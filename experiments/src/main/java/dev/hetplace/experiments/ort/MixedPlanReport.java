package dev.hetplace.experiments.ort;

import dev.hetplace.backends.measure.InterleavedRuns;
import dev.hetplace.ir.files.AtomicWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The mixed-plans study's files: {@code results.csv} (one row per plan measured) and {@code report-table.md} (every
 * row, then the errors per plan kind, per model and thread count and overall, as measured and rescaled by the pure
 * plans' measured/predicted ratio of the same model and thread count: additivity's test).
 */
public final class MixedPlanReport {
    static final List<String> COLUMNS = List.of("model", "threads", "plan", "kind", "int8_groups", "groups",
            "precision_edges", "predicted_ms", "predicted_crossing_ms", "measured_ms", "p10_ms", "p90_ms", "runs",
            "error_pct", "measure_load", "load_before", "load_after", "round_load_range", "onnx");

    private MixedPlanReport() {
    }

    /** {@code MixedPlanReport DIR}: rewrites DIR/report-table.md from DIR/results.csv. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        AtomicWrite.write(dir.resolve("report-table.md"), markdown(read(dir.resolve("results.csv"))));
    }

    /** Adds {@code rows} to {@code dir}'s results (replacing earlier rows of their model and thread count). */
    public static void merge(Path dir, List<MeasuredPlan> rows) {
        Set<String> redone = rows.stream().map(r -> r.model() + "/" + r.threads()).collect(Collectors.toSet());
        List<Map<String, String>> all = new ArrayList<>();
        for (Map<String, String> old : read(dir.resolve("results.csv"))) {
            if (!redone.contains(old.get("model") + "/" + old.get("threads"))) {
                all.add(old);
            }
        }
        rows.forEach(r -> all.add(line(r)));
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Map<String, String> l : all) {
            csv.append(COLUMNS.stream().map(l::get).collect(Collectors.joining(","))).append('\n');
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        AtomicWrite.write(dir.resolve("results.csv"), csv.toString());
        AtomicWrite.write(dir.resolve("report-table.md"), markdown(all));
    }

    static Map<String, String> line(MeasuredPlan r) {
        Map<String, String> l = new LinkedHashMap<>();
        InterleavedRuns.Timing t = r.timing();
        l.put("model", r.model());
        l.put("threads", Integer.toString(r.threads()));
        l.put("plan", r.plan());
        l.put("kind", r.kind().id());
        l.put("int8_groups", Integer.toString(r.int8Groups()));
        l.put("groups", Integer.toString(r.choices().size()));
        l.put("precision_edges", Integer.toString(r.precisionEdges()));
        l.put("predicted_ms", fmt(r.predictedMs()));
        l.put("predicted_crossing_ms", fmt(r.predictedCrossingMs()));
        l.put("measured_ms", fmt(t.medianMs()));
        l.put("p10_ms", fmt(t.p10Ms()));
        l.put("p90_ms", fmt(t.p90Ms()));
        l.put("runs", Integer.toString(t.runs()));
        l.put("error_pct", String.format(Locale.ROOT, "%.1f", r.errorPct()));
        l.put("measure_load", r.measureLoad());
        l.put("load_before", t.loadBefore());
        l.put("load_after", t.loadAfter());
        l.put("round_load_range", t.roundLoadRange());
        l.put("onnx", Path.of(r.onnx()).getFileName().toString());
        return l;
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.3f", ms);
    }

    static List<Map<String, String>> read(Path csv) {
        if (!Files.exists(csv)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != header.size()) {
                throw new IllegalArgumentException(csv + ": line " + (i + 1) + " has " + f.length + " fields, the"
                        + " header " + header.size());
            }
            Map<String, String> l = new LinkedHashMap<>();
            for (int k = 0; k < f.length; k++) {
                l.put(header.get(k), f[k]);
            }
            out.add(l);
        }
        return out;
    }

    static String markdown(List<Map<String, String>> rows) {
        Map<String, List<Map<String, String>>> byRun = new LinkedHashMap<>();
        rows.forEach(r -> byRun.computeIfAbsent(r.get("model") + "|" + r.get("threads"), k -> new ArrayList<>())
                .add(r));
        Map<Map<String, String>, Double> rescaled = new IdentityHashMap<>();
        byRun.values().forEach(run -> rescaled.putAll(rescaledErrors(run)));
        StringBuilder md = new StringBuilder();
        md.append("| model | threads | plan | kind | int8 groups | precision edges | predicted ms (crossings) |"
                + " ORT median ms (p10-p90) | error | rescaled error |"
                + " load: measure; timing before-after (rounds) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, String> r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s/%s | %s | %.2f (%.2f) | %.2f (%.2f-%.2f) |"
                    + " %+.1f%% | %+.1f%% | %s; %s-%s (%s) |\n", r.get("model"), r.get("threads"), r.get("plan"),
                    r.get("kind"), r.get("int8_groups"), r.get("groups"), r.get("precision_edges"),
                    num(r, "predicted_ms"), num(r, "predicted_crossing_ms"), num(r, "measured_ms"), num(r, "p10_ms"),
                    num(r, "p90_ms"), num(r, "error_pct"), rescaled.get(r), r.get("measure_load"),
                    r.get("load_before"), r.get("load_after"), r.get("round_load_range")));
        }
        for (boolean scaled : new boolean[] {false, true}) {
            md.append(scaled ? "\n|rescaled error| by kind of plan (median / worst, plans):\n\n"
                    : "\n|error| by kind of plan (median / worst, plans):\n\n");
            md.append("| model | threads | pure | optimum | rule | random |\n|---|---|---|---|---|---|\n");
            for (List<Map<String, String>> run : byRun.values()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |\n", run.get(0).get("model"),
                        run.get(0).get("threads"), summary(run, "pure", scaled, rescaled),
                        summary(run, "optimum", scaled, rescaled), summary(run, "rule", scaled, rescaled),
                        summary(run, "random", scaled, rescaled)));
            }
            md.append(String.format(Locale.ROOT, "| all | all | %s | %s | %s | %s |\n",
                    summary(rows, "pure", scaled, rescaled), summary(rows, "optimum", scaled, rescaled),
                    summary(rows, "rule", scaled, rescaled), summary(rows, "random", scaled, rescaled)));
        }
        List<Double> every = rows.stream().map(r -> Math.abs(num(r, "error_pct"))).toList();
        md.append(String.format(Locale.ROOT, "\nOver all %d plans: median |error| %.1f%%, worst %.1f%%, %d within 15%%."
                + " Rescaled error: the prediction times the mean measured/predicted ratio of the two pure plans"
                + " (all-fp32, all-int8) of the same model and thread count, against the measurement; what is left"
                + " once the table's common bias there (the load it was measured at, against the load the plans"
                + " were timed at) is taken out. Additivity holds where the random mixes' rescaled errors are no"
                + " larger than the pure plans'.\n", every.size(), median(every), max(every),
                every.stream().filter(e -> e <= 15).count()));
        return md.toString();
    }

    /** Each plan's error in percent after its prediction is scaled by the run's pure plans' measured/predicted mean. */
    static Map<Map<String, String>, Double> rescaledErrors(List<Map<String, String>> run) {
        double k = run.stream().filter(r -> r.get("kind").equals("pure"))
                .mapToDouble(r -> num(r, "measured_ms") / num(r, "predicted_ms")).average().orElse(Double.NaN);
        Map<Map<String, String>, Double> out = new IdentityHashMap<>();
        for (Map<String, String> r : run) {
            out.put(r, 100.0 * (num(r, "predicted_ms") * k - num(r, "measured_ms")) / num(r, "measured_ms"));
        }
        return out;
    }

    private static String summary(List<Map<String, String>> rows, String kind, boolean scaled,
                                  Map<Map<String, String>, Double> rescaled) {
        List<Double> v = rows.stream().filter(r -> r.get("kind").equals(kind))
                .map(r -> Math.abs(scaled ? rescaled.get(r) : num(r, "error_pct"))).toList();
        return v.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f / %.1f%% (%d)", median(v), max(v), v.size());
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = a.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double num(Map<String, String> r, String column) {
        return Double.parseDouble(r.get(column));
    }
}
