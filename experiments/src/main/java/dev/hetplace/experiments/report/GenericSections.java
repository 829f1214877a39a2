package dev.hetplace.experiments.report;

import dev.hetplace.experiments.plot.Plots;
import dev.hetplace.experiments.run.BaselineOutcome;
import dev.hetplace.experiments.run.LatencySplit;
import dev.hetplace.experiments.run.Numbers;
import dev.hetplace.experiments.run.Outcome;
import dev.hetplace.experiments.run.RunRow;
import dev.hetplace.experiments.run.RunStatus;
import dev.hetplace.experiments.run.SweepLog;
import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.planner.setting.Setting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The parts of every report: summary and speed, generic figures, failures, and the table of all runs. */
final class GenericSections {
    private GenericSections() {
    }

    static void summary(ReportContext ctx, Path dir, int dropped) {
        List<RunRow> rows = ctx.rows();
        long ok = rows.stream().filter(RunRow::ok).count();
        long infeasible = rows.stream().filter(r -> r.status() == RunStatus.INFEASIBLE).count();
        long failed = rows.stream().filter(r -> r.status() == RunStatus.FAILED).count();
        ctx.line("## Summary").line("");
        ctx.line(String.format(Locale.ROOT, "%d runs: %d placed, %d infeasible (no plan meets the run's "
                + "constraints), %d failed.%s", rows.size(), ok, infeasible, failed,
                dropped > 0 ? " " + dropped + " unreadable line(s) of results.jsonl were skipped." : ""));
        Set<String> commits = new TreeSet<>();
        Set<String> versions = new TreeSet<>();
        rows.forEach(r -> {
            commits.add(r.provenance().gitCommit());
            versions.add("hetplace " + r.provenance().hetplaceVersion() + ", Java " + r.provenance().javaVersion());
        });
        ctx.line("").line("Provenance: " + String.join("; ", versions) + "; git commit "
                + String.join(", ", commits) + ". Every row of `results.jsonl` carries its run's seed, model hash, "
                + "profile hash and wall time.");
        List<SweepLog.Entry> log = SweepLog.read(dir);
        if (!log.isEmpty()) {
            ctx.line("").line("Speed (from `sweep-log.jsonl`, one line per `sweep run` invocation):");
            MarkdownTable t = new MarkdownTable("ended", "shard", "threads", "cores", "runs", "skipped", "wall (s)",
                    "placements/s");
            for (SweepLog.Entry e : log) {
                t.row(e.endedAt(), e.shard(), e.threads(), e.cores(), e.ran(), e.skipped(),
                        String.format(Locale.ROOT, "%.1f", e.wallMs() / 1000.0),
                        String.format(Locale.ROOT, "%.2f", e.placementsPerSecond()));
            }
            ctx.table(t);
        }
        double wall = rows.stream().mapToLong(r -> r.provenance().wallMs()).sum() / 1000.0;
        ctx.line(String.format(Locale.ROOT, "Summed wall time of the runs (each on one thread): %.1f s.", wall))
                .line("");
    }

    static void figures(ReportContext ctx) {
        List<RunRow> ok = ctx.ok();
        if (ok.isEmpty()) {
            return;
        }
        ctx.line("## Figures").line("");
        placementMap(ctx, ok);
        latencyBreakdowns(ctx, ok);
        pareto(ctx, ok);
        heatMap(ctx, ok);
    }

    /** The unconstrained plans (no budget, not TVM-restricted) of the sweep, first 40 rows. */
    private static void placementMap(ReportContext ctx, List<RunRow> ok) {
        List<RunRow> plain = ok.stream().filter(r -> r.run().minSqnrDb() == null && !r.run().tvmCompatible())
                .toList();
        List<RunRow> shown = (plain.isEmpty() ? ok : plain).stream().limit(40).toList();
        List<String> labels = shown.stream().map(r -> r.run().model() + " " + Labels.settings(r.run())).toList();
        List<List<String>> rows = shown.stream().map(r -> r.outcome().choices()).toList();
        ctx.figure(Plots.placementMap("Placement map: device and precision of every group", labels, rows, 80),
                "placement-map", "Per-group placement of " + shown.size() + " plans (rows), groups in order"
                        + (plain.isEmpty() ? "" : ", no budget, not TVM-restricted"));
    }

    /** One chart per model: its first unconstrained plan against that run's baselines. */
    private static void latencyBreakdowns(ReportContext ctx, List<RunRow> ok) {
        Map<String, RunRow> firstPerModel = new LinkedHashMap<>();
        AsShipped shipped = new AsShipped();
        for (RunRow r : ok) {
            if (r.run().minSqnrDb() == null && !r.run().tvmCompatible()) {
                RunRow prev = firstPerModel.get(r.run().model());
                if (prev == null || !shipped.test(prev.run()) && shipped.test(r.run())) {
                    firstPerModel.put(r.run().model(), r);
                }
            }
        }
        int n = 0;
        for (RunRow r : firstPerModel.values()) {
            if (n++ >= 6) {
                break;
            }
            List<String> names = new ArrayList<>(List.of("optimum"));
            List<LatencySplit> splits = new ArrayList<>(List.of(r.outcome().split()));
            for (BaselineOutcome b : r.outcome().baselines()) {
                if (b.applies()) {
                    names.add(b.name());
                    splits.add(b.split());
                }
            }
            String file = "latency-" + slug(r.run().model() + "-" + Labels.hardware(r.run()));
            ctx.figure(Plots.latencyBreakdown("Latency split: " + r.run().model() + " on "
                    + Labels.hardware(r.run()), names, splits), file, "Latency split of the optimum and the "
                    + "baselines, " + r.run().model() + " on " + Labels.hardware(r.run()));
        }
    }

    /**
     * Objective against the budget: one chart per platform, one line per model (and TVM compatibility), on the
     * platform as shipped when the sweep has it, else on its first configuration.
     */
    private static void pareto(ReportContext ctx, List<RunRow> ok) {
        AsShipped shipped = new AsShipped();
        Map<String, List<RunRow>> byPlatform = new LinkedHashMap<>();
        for (RunRow r : ok) {
            if (r.run().minSqnrDb() != null && r.run().objective().equals("latency")) {
                byPlatform.computeIfAbsent(r.run().platform(), k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<RunRow>> e : byPlatform.entrySet()) {
            List<RunRow> rows = e.getValue();
            boolean anyShipped = rows.stream().anyMatch(r -> shipped.test(r.run()));
            String hardware = anyShipped ? null : Labels.hardware(rows.get(0).run());
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            Set<Double> budgets = new TreeSet<>();
            for (RunRow r : rows) {
                if (anyShipped ? !shipped.test(r.run()) : !Labels.hardware(r.run()).equals(hardware)) {
                    continue;
                }
                if (hardware == null) {
                    hardware = Labels.hardware(r.run());
                }
                budgets.add(r.run().minSqnrDb());
                String key = r.run().model() + (r.run().tvmCompatible() ? " tvm-compatible" : "");
                series.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[]{r.run().minSqnrDb(),
                        r.outcome().objectiveNs() / 1e6});
            }
            series.values().removeIf(pts -> pts.size() < 2);
            if (budgets.size() < 2 || series.isEmpty()) {
                continue;
            }
            ctx.figure(Plots.paretoFront("Latency vs " + ctx.name(Setting.MIN_SQNR) + " on " + hardware,
                    ctx.name(Setting.MIN_SQNR) + " budget (dB)", series), "pareto-min-sqnr-"
                    + slug(e.getKey()), "Latency of the optimum against the accuracy budget on " + hardware
                    + (anyShipped ? " (as shipped)" : "") + ", one line per model: each line is the Pareto front of "
                    + "budget and latency");
        }
    }

    /**
     * Share of MACs kept off the accelerator (mean over models) over the two swept override dimensions, or one
     * override dimension against the models; unconstrained runs only.
     */
    private static void heatMap(ReportContext ctx, List<RunRow> ok) {
        List<RunRow> plain = ok.stream().filter(r -> r.run().minSqnrDb() == null && !r.run().tvmCompatible()
                && !r.outcome().accelerators().isEmpty() && r.run().objective().equals("latency")).toList();
        List<List<String>> swept = overrideDimensions(plain);
        List<List<String>> used = swept.subList(0, Math.min(2, swept.size()));
        plain = plain.stream().filter(r -> used.stream().allMatch(ps -> r.run().overrides().keySet().containsAll(ps)))
                .toList();
        List<Function<RunSpec, String>> dims = new ArrayList<>();
        List<String> dimNames = new ArrayList<>();
        for (List<String> paths : used) {
            dimNames.add(Labels.dimension(paths));
            dims.add(r -> {
                String v = r.overrides().get(paths.get(0));
                return paths.contains("devices.vta.logBlockIn") ? Labels.block(r.overrides()
                        .get("devices.vta.logBlockIn")) : v;
            });
        }
        if (dims.isEmpty()) {
            return;
        }
        Function<RunSpec, String> xDim = dims.get(0);
        Function<RunSpec, String> yDim = dims.size() > 1 ? dims.get(1) : RunSpec::model;
        String yName = dims.size() > 1 ? dimNames.get(1) : "model";
        List<String> xs = sortedValues(plain.stream().map(r -> xDim.apply(r.run())).toList());
        List<String> ys = sortedValues(plain.stream().map(r -> yDim.apply(r.run())).toList());
        double[][] sum = new double[ys.size()][xs.size()];
        int[][] count = new int[ys.size()][xs.size()];
        for (RunRow r : plain) {
            int x = xs.indexOf(xDim.apply(r.run()));
            int y = ys.indexOf(yDim.apply(r.run()));
            sum[y][x] += r.outcome().offAcceleratorMacShare() * 100;
            count[y][x]++;
        }
        double[][] mean = new double[ys.size()][xs.size()];
        for (int y = 0; y < ys.size(); y++) {
            for (int x = 0; x < xs.size(); x++) {
                mean[y][x] = count[y][x] == 0 ? Double.NaN : sum[y][x] / count[y][x];
            }
        }
        ctx.figure(Plots.heatMap("MACs kept off the accelerator (%, mean over "
                        + (dims.size() > 1 ? "models" : "platforms") + ")", dimNames.get(0), xs, yName, ys, mean, "0.0"),
                "heatmap-off-accelerator", "Share of MACs the optimum keeps off the accelerator (%, mean over "
                        + (dims.size() > 1 ? "models and platforms" : "platforms") + " that set " + dimNames.get(0)
                        + (dims.size() > 1 ? " and " + yName : "") + "; no budget, not TVM-restricted)");
    }

    /** Distinct values, numerically when they all are numbers. */
    static List<String> sortedValues(List<String> values) {
        List<String> out = new ArrayList<>(new LinkedHashSet<>(values));
        if (out.stream().allMatch(v -> v.matches("-?[0-9]+(\\.[0-9]+)?"))) {
            out.sort(java.util.Comparator.comparingDouble(Double::parseDouble));
        }
        return out;
    }

    /** Override paths that take more than one value, those that always move together merged into one dimension. */
    static List<List<String>> overrideDimensions(List<RunRow> rows) {
        Set<String> paths = new TreeSet<>();
        rows.forEach(r -> paths.addAll(r.run().overrides().keySet()));
        Map<String, List<String>> byVector = new LinkedHashMap<>();
        for (String p : paths) {
            List<String> vector = rows.stream().map(r -> Objects.toString(r.run().overrides().get(p))).toList();
            if (new LinkedHashSet<>(vector).size() < 2) {
                continue;
            }
            String signature = vector.stream().map(v -> Integer.toString(vector.indexOf(v)))
                    .reduce("", (a, b) -> a + "," + b);
            byVector.computeIfAbsent(signature, k -> new ArrayList<>()).add(p);
        }
        return new ArrayList<>(byVector.values());
    }

    static void failures(ReportContext ctx) {
        List<RunRow> failed = ctx.rows().stream().filter(r -> r.status() != RunStatus.OK).toList();
        if (failed.isEmpty()) {
            return;
        }
        ctx.line("## Runs without a plan").line("");
        Map<String, List<RunRow>> byError = new LinkedHashMap<>();
        failed.forEach(r -> byError.computeIfAbsent(r.status().id() + ": " + r.error(), k -> new ArrayList<>())
                .add(r));
        MarkdownTable t = new MarkdownTable("status: error", "runs", "for example");
        byError.forEach((err, rs) -> t.row(err, rs.size(), rs.get(0).run().model() + " "
                + Labels.settings(rs.get(0).run())));
        ctx.table(t);
    }

    /** Rows the table of all runs lists at most; a larger sweep's report says where the rest are. */
    static final int ALL_RUNS_SHOWN = 2_000;

    static void allRuns(ReportContext ctx) {
        ctx.line("## All runs").line("");
        int n = ctx.rows().size();
        String summary = n <= ALL_RUNS_SHOWN ? n + " runs" : String.format(Locale.ROOT, "the first %,d of %,d runs "
                + "(every run is in results.csv)", ALL_RUNS_SHOWN, n);
        ctx.line("<details><summary>" + summary + " (click to expand)</summary>").line("");
        MarkdownTable t = new MarkdownTable("#", "hash", "model", "settings", "status", "objective (ms)",
                "lower bound (ms)", "optimal", "kept off accelerator", "MACs off", "SQNR (dB)", "placement");
        for (RunRow r : ctx.rows().subList(0, Math.min(n, ALL_RUNS_SHOWN))) {
            Outcome o = r.outcome();
            t.row(r.index(), Labels.shortHash(r), r.run().model(), Labels.settings(r.run()), r.status().id(),
                    o == null ? "" : Numbers.ms(o.objectiveNs()), o == null ? "" : Numbers.ms(o.lowerBoundNs()),
                    o == null ? "" : o.optimal(), o == null ? "" : Labels.names(o.offAcceleratorGroups(), 3),
                    o == null ? "" : Numbers.percent(o.offAcceleratorMacShare()),
                    o == null || o.predictedSqnrDb() == null ? "" : Numbers.plain(o.predictedSqnrDb()),
                    o == null ? r.error() : abbreviate(o.placement(), 80));
        }
        ctx.table(t);
        ctx.line("</details>").line("");
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
