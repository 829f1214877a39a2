package dev.hetplace.experiments.report;

import dev.hetplace.experiments.run.Numbers;
import dev.hetplace.experiments.run.Outcome;
import dev.hetplace.experiments.run.RunRow;
import dev.hetplace.experiments.run.RunStatus;
import dev.hetplace.planner.setting.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The exact solver against Timefold (without the DP seed): objective, gap to the exact plan and to the stated lower
 * bound, and solve time, per model; on generated wide DAGs, time and gap against the number of groups.
 */
final class SolverQualitySection {
    private static final List<String> TIMEFOLD = List.of("timefold", "timefold-noseed", "timefold-noseed-5k");

    private SolverQualitySection() {
    }

    static void write(ReportContext ctx) {
        ctx.line("## Solver quality: exact DP against Timefold").line("");
        Map<String, RunRow[]> byProblem = new LinkedHashMap<>();
        for (RunRow r : ctx.rows()) {
            String key = r.run().model() + "\u0000" + Labels.hardware(r.run()) + "\u0000" + r.run().objective()
                    + "\u0000" + r.run().minSqnrDb() + "\u0000" + r.run().tvmCompatible();
            RunRow[] pair = byProblem.computeIfAbsent(key, k -> new RunRow[2]);
            int slot = TIMEFOLD.contains(r.run().solver()) ? 1 : 0;
            if (pair[slot] == null) {
                pair[slot] = r;
            }
        }
        MarkdownTable t = new MarkdownTable("model", "hardware", "groups", "exact (ms)", "exact solver", "proven or gap",
                "bound (ms)", "exact time (ms)", "Timefold (ms)", "Timefold vs exact", "Timefold gap to bound",
                "Timefold time (ms)");
        int timefoldOk = 0;
        int timefoldRows = 0;
        String timefoldError = null;
        List<double[]> exactTime = new ArrayList<>();
        List<double[]> tfTime = new ArrayList<>();
        List<double[]> tfGap = new ArrayList<>();
        int[] wide = new int[2];
        for (RunRow[] pair : byProblem.values()) {
            RunRow ex = pair[0];
            RunRow tf = pair[1];
            RunRow any = ex != null ? ex : tf;
            Outcome eo = ex != null && ex.ok() ? ex.outcome() : null;
            Outcome to = tf != null && tf.ok() ? tf.outcome() : null;
            if (tf != null) {
                timefoldRows++;
                if (to != null) {
                    timefoldOk++;
                } else if (timefoldError == null) {
                    timefoldError = tf.error();
                }
            }
            int groups = eo != null ? eo.groups() : to != null ? to.groups() : 0;
            long bound = Math.max(eo == null ? 0 : eo.lowerBoundNs(), to == null ? 0 : to.lowerBoundNs());
            t.row(any.run().model(), Labels.hardware(any.run()), groups == 0 ? "" : groups,
                    eo == null ? status(ex) : Numbers.ms(eo.objectiveNs()), eo == null ? "" : eo.solver(),
                    eo == null ? "" : eo.optimal() ? "proven" : String.format(Locale.ROOT, "gap %.2f%%", eo.gap() * 100),
                    bound == 0 ? "" : Numbers.ms(bound),
                    eo == null ? "" : String.format(Locale.ROOT, "%.1f", eo.solveMs()),
                    to == null ? status(tf) : Numbers.ms(to.objectiveNs()),
                    to == null || eo == null ? "" : pct(to.objectiveNs() / (double) eo.objectiveNs()),
                    to == null || bound == 0 ? "" : pct(to.objectiveNs() / (double) bound),
                    to == null ? "" : String.format(Locale.ROOT, "%.1f", to.solveMs()));
            if (any.run().model().startsWith("wide-dag:") && groups > 0) {
                if (eo != null) {
                    exactTime.add(new double[]{groups, eo.solveMs()});
                }
                if (to != null && eo != null) {
                    wide[1]++;
                    if (to.objectiveNs() == eo.objectiveNs()) {
                        wide[0]++;
                    }
                }
                if (to != null) {
                    tfTime.add(new double[]{groups, to.solveMs()});
                    if (bound > 0) {
                        tfGap.add(new double[]{groups, (to.objectiveNs() / (double) bound - 1) * 100});
                    }
                }
            }
        }
        List<double[]> zoo = new ArrayList<>();
        List<String> zooWorst = new ArrayList<>();
        for (RunRow[] pair : byProblem.values()) {
            if (pair[0] != null && pair[0].ok() && pair[1] != null && pair[1].ok()
                    && !pair[0].run().model().startsWith("wide-dag:")) {
                double gap = pair[1].outcome().objectiveNs() / (double) pair[0].outcome().objectiveNs() - 1;
                zoo.add(new double[]{gap, pair[0].outcome().solveMs(), pair[1].outcome().solveMs(),
                        pair[0].outcome().optimal() ? 1 : 0});
                if (zooWorst.isEmpty() || gap > Double.parseDouble(zooWorst.get(0))) {
                    zooWorst.clear();
                    zooWorst.add(Double.toString(gap));
                    zooWorst.add(pair[0].run().model() + " on " + Labels.hardware(pair[0].run()));
                }
            }
        }
        ctx.line("Per model and hardware: the exact solver's plan (with its proof: `optimal` when the plan meets the "
                + "lower bound), the lower bound (the larger of the two runs' stated bounds), and Timefold without "
                + "the DP seed: its objective against the exact plan and against the bound, and both solve times.");
        ctx.table(t);
        if (timefoldRows == 0) {
            ctx.line("The sweep has no Timefold runs.").line("");
        } else if (timefoldOk == 0) {
            ctx.line("**Timefold: no results.** All " + timefoldRows + " Timefold runs failed (" + timefoldError
                    + "). This report covers the exact solver only; once the Timefold solver is in the planner, re-run "
                    + "the failed runs with `bin/sweep run experiments/specs/solver-quality.json "
                    + ctx.name(Setting.OUT) + " DIR " + ctx.name(Setting.RETRY_FAILED) + "` and `bin/sweep report DIR`.")
                    .line("");
        }
        ctx.line("### Findings").line("");
        if (!zoo.isEmpty()) {
            long matched = zoo.stream().filter(z -> z[0] < 1e-9).count();
            long proven = zoo.stream().filter(z -> z[3] == 1).count();
            ctx.line(String.format(Locale.ROOT, "- **Zoo.** The exact DP proves its plan optimal in %d of %d problems. "
                    + "Timefold without the DP seed matches it in %d; its worst gap is %s (%s), median %s. Median solve "
                    + "time: exact %.1f ms, Timefold %.1f ms.", proven, zoo.size(), matched,
                    pct(1 + Double.parseDouble(zooWorst.get(0))), zooWorst.get(1),
                    pct(1 + Stats.median(zoo.stream().map(z -> z[0]).toList())),
                    Stats.median(zoo.stream().map(z -> z[1]).toList()),
                    Stats.median(zoo.stream().map(z -> z[2]).toList())));
        }
        if (!tfGap.isEmpty()) {
            List<Double> gaps = tfGap.stream().map(p -> p[1]).toList();
            ctx.line(String.format(Locale.ROOT, "- **Wide DAGs** (%d to %d groups). Timefold's gap to the stated lower "
                    + "bound is %.2f%% to %.2f%%, and its plan costs the same as the DP beam's in %d of %d; the exact DP falls back to a beam there (no proof), taking %.0f to %.0f "
                    + "ms against Timefold's %.0f to %.0f ms.", (int) tfGap.get(0)[0], (int) tfGap.get(tfGap.size() - 1)[0],
                    Stats.min(gaps), Stats.max(gaps), wide[0], wide[1], exactTime.isEmpty() ? Double.NaN : Stats.min(exactTime.stream()
                            .map(p -> p[1]).toList()), exactTime.isEmpty() ? Double.NaN : Stats.max(exactTime.stream()
                            .map(p -> p[1]).toList()), Stats.min(tfTime.stream().map(p -> p[1]).toList()),
                    Stats.max(tfTime.stream().map(p -> p[1]).toList())));
        }
        ctx.line("");
        if (!exactTime.isEmpty() || !tfTime.isEmpty()) {
            XYChart chart = new XYChartBuilder().width(760).height(440).title("Solve time on wide DAGs")
                    .xAxisTitle("groups").yAxisTitle("solve time (ms)").build();
            add(chart, "DP (a beam on these graphs)", exactTime);
            add(chart, "Timefold (no DP seed)", tfTime);
            ctx.figure(chart, "solver-time-wide-dag", "Solve time against the number of groups on the planner's "
                    + "wide-DAG generator");
        }
        if (!tfGap.isEmpty()) {
            XYChart chart = new XYChartBuilder().width(760).height(440).title("Timefold's gap to the lower bound")
                    .xAxisTitle("groups").yAxisTitle("gap (%)").build();
            add(chart, "Timefold (no DP seed)", tfGap);
            ctx.figure(chart, "solver-gap-wide-dag", "Timefold's gap to the stated lower bound on wide DAGs");
        }
        long failures = ctx.rows().stream().filter(r -> r.status() == RunStatus.FAILED
                && !TIMEFOLD.contains(r.run().solver())).count();
        if (failures > 0) {
            ctx.line(failures + " exact-solver run(s) failed; see *Runs without a plan*.").line("");
        }
    }

    private static void add(XYChart chart, String name, List<double[]> pts) {
        if (pts.isEmpty()) {
            return;
        }
        List<double[]> s = new ArrayList<>(pts);
        s.sort((a, b) -> Double.compare(a[0], b[0]));
        chart.addSeries(name, s.stream().mapToDouble(p -> p[0]).toArray(), s.stream().mapToDouble(p -> p[1])
                .toArray()).setMarker(SeriesMarkers.CIRCLE);
    }

    private static String status(RunRow r) {
        return r == null ? "-" : r.status().id();
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%+.2f%%", (ratio - 1) * 100);
    }
}
