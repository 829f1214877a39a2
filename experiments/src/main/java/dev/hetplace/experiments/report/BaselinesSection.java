package dev.hetplace.experiments.report;

import dev.hetplace.experiments.plot.Plots;
import dev.hetplace.experiments.run.BaselineOutcome;
import dev.hetplace.experiments.run.Numbers;
import dev.hetplace.experiments.run.Outcome;
import dev.hetplace.experiments.run.RunRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Speed-up of the optimum over every baseline, per model and platform, with geometric means per baseline. */
final class BaselinesSection {
    private BaselinesSection() {
    }

    static void write(ReportContext ctx) {
        ctx.line("## Speed-up of the optimum over the baselines").line("");
        List<RunRow> rows = ctx.ok().stream().filter(r -> r.run().minSqnrDb() == null && !r.run().tvmCompatible())
                .toList();
        if (rows.isEmpty()) {
            ctx.line("No unconstrained run placed a plan; nothing to report.").line("");
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> r.outcome().baselines().forEach(b -> names.add(b.name())));
        List<String> header = new ArrayList<>(List.of("model", "hardware", "objective", "optimum (ms)"));
        names.forEach(n -> header.add(n));
        MarkdownTable t = new MarkdownTable(header);
        Map<String, List<Double>> all = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> perPlatform = new LinkedHashMap<>();
        Map<String, String[]> worst = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> notApplicable = new LinkedHashMap<>();
        for (RunRow r : rows) {
            Outcome o = r.outcome();
            List<String> cells = new ArrayList<>(List.of(r.run().model(), Labels.hardware(r.run()), r.run().objective(),
                    Numbers.ms(o.objectiveNs())));
            for (String n : names) {
                BaselineOutcome b = o.baseline(n).orElse(null);
                if (b == null || !b.applies()) {
                    cells.add(b == null ? "-" : "n/a");
                    if (b != null) {
                        notApplicable.computeIfAbsent(n, k -> new LinkedHashMap<>())
                                .merge(b.reason().replaceAll("[0-9]+", "N").replaceAll("(group|conv) \\S+", "$1 X"),
                                        1, Integer::sum);
                    }
                    continue;
                }
                cells.add(Numbers.times(b.speedup()));
                all.computeIfAbsent(n, k -> new ArrayList<>()).add(b.speedup());
                perPlatform.computeIfAbsent(Labels.hardware(r.run()), k -> new LinkedHashMap<>())
                        .computeIfAbsent(n, k -> new ArrayList<>()).add(b.speedup());
                String[] w = worst.get(n);
                if (w == null || b.speedup() > Double.parseDouble(w[0])) {
                    worst.put(n, new String[]{Double.toString(b.speedup()), r.run().model() + " on "
                            + Labels.hardware(r.run())});
                }
            }
            t.row(cells);
        }
        ctx.line("Speed-up = the baseline's objective / the optimum's, both priced on the run's cost table "
                + "(n/a: the baseline cannot build a plan for that model there; -: it has no meaning there, e.g. "
                + "`gpu-first` without a GPU).");
        ctx.table(t);
        List<String> platforms = new ArrayList<>(perPlatform.keySet());
        Map<String, List<Double>> bars = new LinkedHashMap<>();
        for (String n : names) {
            List<Double> v = new ArrayList<>();
            for (String p : platforms) {
                List<Double> xs = perPlatform.get(p).get(n);
                v.add(xs == null ? 0.0 : Stats.geomean(xs));
            }
            bars.put(n, v);
        }
        ctx.figure(Plots.bars("Speed-up of the optimum (geometric mean over models)", "speed-up (x)", platforms,
                bars), "baseline-speedups", "Geometric-mean speed-up of the optimum over each baseline, per "
                + "platform (0 = the baseline never applies there)");
        ctx.line("### Findings").line("");
        for (String n : names) {
            List<Double> xs = all.get(n);
            if (xs == null) {
                ctx.line("- `" + n + "` applies to none of the runs.");
                continue;
            }
            long ties = xs.stream().filter(x -> x < 1.0005).count();
            Map<String, Integer> na = notApplicable.getOrDefault(n, Map.of());
            int naCount = na.values().stream().mapToInt(Integer::intValue).sum();
            String why = na.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> "; it cannot build a plan "
                    + "in " + naCount + " (most often: " + e.getKey() + ")").orElse("");
            ctx.line(String.format(Locale.ROOT, "- `%s`: the optimum is %s faster in geometric mean over %d runs, "
                    + "%s at most (%s); it matches the baseline (within 0.05%%) in %d%s.", n,
                    Numbers.times(Stats.geomean(xs)), xs.size(), Numbers.times(Stats.max(xs)), worst.get(n)[1], ties,
                    why));
        }
        ctx.line("");
    }
}
