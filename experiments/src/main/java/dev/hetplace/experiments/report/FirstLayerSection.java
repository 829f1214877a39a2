package dev.hetplace.experiments.report;

import dev.hetplace.experiments.plot.Plots;
import dev.hetplace.experiments.run.BaselineOutcome;
import dev.hetplace.experiments.run.Numbers;
import dev.hetplace.experiments.run.Outcome;
import dev.hetplace.experiments.run.RunRow;
import dev.hetplace.experiments.run.RunStatus;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.setting.Setting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The first-layer study: which groups the optimum keeps off the accelerator or at higher precision, what TVM's
 * manual rule costs against it, how that moves with BLOCK and the accuracy budget, and whether the first layer
 * wants different treatment on a GPU. One table, one figure, findings computed from the rows.
 */
final class FirstLayerSection {
    private static final String RULE = "tvm-rule";

    /** One model on one hardware configuration: its unconstrained optimum and its TVM-compatible optimum. */
    private record Config(String model, String hardware, RunRow optimum, RunRow tvm) {
    }

    private FirstLayerSection() {
    }

    static void write(ReportContext ctx) {
        ctx.line("## First layer: what the optimum keeps off the accelerator, and what TVM's rule costs").line("");
        List<Config> configs = configs(ctx.rows());
        if (configs.isEmpty()) {
            ctx.line("No run without an accuracy budget placed a plan; nothing to report.").line("");
            return;
        }
        MarkdownTable t = new MarkdownTable("model", "hardware", "MACs on the accelerator",
                "kept off the accelerator (optimum)", "MACs kept off",
                "at higher precision", "optimum (ms)", "TVM-compatible optimum (ms)", "tvm-rule (ms)",
                "tvm-rule / optimum");
        for (Config c : configs) {
            Outcome o = c.optimum().outcome();
            Optional<BaselineOutcome> rule = o.baseline(RULE);
            String ruleMs = rule.filter(BaselineOutcome::applies).map(b -> Numbers.ms(b.objectiveNs())).orElse("n/a");
            String ruleRatio = rule.filter(BaselineOutcome::applies).map(b -> Numbers.times(b.speedup())).orElse("-");
            t.row(c.model(), c.hardware(), Numbers.percent(o.acceleratorMacShare()),
                    Labels.names(o.offAcceleratorGroups(), 4),
                    Numbers.percent(o.offAcceleratorMacShare()), Labels.names(o.higherPrecisionGroups(), 3),
                    Numbers.ms(o.objectiveNs()), tvmCell(c), ruleMs, ruleRatio);
        }
        ctx.line("Each row is one model on one hardware configuration, latency objective, no accuracy budget. "
                + "*MACs on the accelerator*: share of the model's multiply-accumulates the optimum runs there. "
                + "*Kept off the accelerator*: groups that had a choice on the accelerator (VTA, or the GPU on "
                + "x86-h200) but run elsewhere; *MACs kept off*: their share of the model's multiply-accumulates; "
                + "*at higher precision*: such groups computed at more bits than the accelerator's narrowest "
                + "precision (int8).");
        ctx.table(t);
        List<String> labels = configs.stream().map(c -> c.model() + " " + c.hardware()).toList();
        List<List<String>> rows = configs.stream().map(c -> c.optimum().outcome().choices()).toList();
        ctx.figure(Plots.placementMap("First 16 groups of each optimum (no budget)", labels, rows, 16),
                "first-layer-map", "Device and precision the optimum gives each of the first 16 groups, per model "
                        + "and hardware (no budget, not TVM-restricted)");
        ctx.line("### Findings").line("");
        findings(ctx, configs);
    }

    private static String tvmCell(Config c) {
        if (c.tvm() == null) {
            return "-";
        }
        if (!c.tvm().ok()) {
            return c.tvm().status().id();
        }
        return Numbers.ms(c.tvm().outcome().objectiveNs());
    }

    private static List<Config> configs(List<RunRow> rows) {
        Map<String, RunRow[]> byKey = new LinkedHashMap<>();
        for (RunRow r : rows) {
            if (r.run().minSqnrDb() != null || !r.run().objective().equals("latency")
                    || !r.run().solver().equals("auto") && !r.run().solver().equals("exact")) {
                continue;
            }
            String key = r.run().model() + "\u0000" + Labels.hardware(r.run());
            RunRow[] pair = byKey.computeIfAbsent(key, k -> new RunRow[2]);
            int slot = r.run().tvmCompatible() ? 1 : 0;
            if (pair[slot] == null) {
                pair[slot] = r;
            }
        }
        List<Config> out = new ArrayList<>();
        byKey.forEach((k, pair) -> {
            if (pair[0] != null && pair[0].ok()) {
                out.add(new Config(pair[0].run().model(), Labels.hardware(pair[0].run()), pair[0], pair[1]));
            }
        });
        return out;
    }

    private static void findings(ReportContext ctx, List<Config> configs) {
        List<Config> vta = configs.stream().filter(c -> c.optimum().outcome().accelerators().contains("vta")).toList();
        List<Config> gpu = configs.stream().filter(c -> c.optimum().outcome().accelerators().contains("gpu")).toList();
        if (!vta.isEmpty()) {
            stem(ctx, vta);
            others(ctx, vta);
            rule(ctx, vta);
            block(ctx, vta);
        }
        budgets(ctx);
        if (!gpu.isEmpty()) {
            gpu(ctx, gpu);
        }
    }

    private static void stem(ReportContext ctx, List<Config> vta) {
        List<String> keptOff = new ArrayList<>();
        List<String> noChoice = new ArrayList<>();
        int on = 0;
        int higher = 0;
        for (Config c : vta) {
            Outcome o = c.optimum().outcome();
            String stem = o.groupNames().get(0);
            if (o.accelerators().contains(o.choices().get(0).split(":")[0])) {
                on++;
            } else if (o.offAcceleratorGroups().contains(stem)) {
                keptOff.add(c.model() + " on " + c.hardware() + " (" + o.choices().get(0) + ")");
            } else {
                noChoice.add(c.model() + " on " + c.hardware());
            }
            if (o.higherPrecisionGroups().contains(stem)) {
                higher++;
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "- **The first group (the stem conv).** Of %d "
                + "model/hardware combinations with a VTA, the optimum runs the stem on VTA in %d and keeps it off in "
                + "%d%s", vta.size(), on, keptOff.size(), keptOff.isEmpty() ? "" : ": " + String.join("; ",
                keptOff.subList(0, Math.min(8, keptOff.size()))) + (keptOff.size() > 8 ? "; +" + (keptOff.size() - 8)
                + " more" : "")));
        sb.append(noChoice.isEmpty() ? "." : String.format(Locale.ROOT, "; in %d the stem has no VTA choice at all "
                + "(%s).", noChoice.size(), String.join(", ", noChoice.stream().map(x -> x.split(" on ")[0])
                .distinct().toList())));
        sb.append(String.format(Locale.ROOT, " It computes the stem at more than int8 in %d. So TVM's "
                + "`skip_conv_layers=[0]` agrees with the optimum that the stem belongs off VTA in %d of the %d "
                + "combinations where it could run there.", higher, keptOff.size(), on + keptOff.size()));
        ctx.line(sb.toString());
    }

    private static void others(ReportContext ctx, List<Config> vta) {
        Map<String, int[]> byOp = new TreeMap<>();
        Map<String, List<String>> where = new TreeMap<>();
        List<Double> shares = new ArrayList<>();
        for (Config c : vta) {
            Outcome o = c.optimum().outcome();
            shares.add(o.offAcceleratorMacShare());
            for (int g = 1; g < o.groupNames().size(); g++) {
                boolean off = o.offAcceleratorGroups().contains(o.groupNames().get(g));
                boolean on = o.accelerators().contains(o.choices().get(g).split(":")[0]);
                if (!off && !on) {
                    continue;
                }
                int[] t = byOp.computeIfAbsent(o.groupOps().get(g), k -> new int[2]);
                t[1]++;
                if (off) {
                    t[0]++;
                    List<String> w = where.computeIfAbsent(o.groupOps().get(g), k -> new ArrayList<>());
                    String m = c.model();
                    if (!w.contains(m)) {
                        w.add(m);
                    }
                }
            }
        }
        List<String> parts = new ArrayList<>();
        byOp.forEach((op, t) -> parts.add(String.format(Locale.ROOT, "%s %d of %d%s", op, t[0], t[1],
                t[0] == 0 || t[0] == t[1] ? "" : " (" + String.join(", ", where.get(op)) + ")")));
        ctx.line(String.format(Locale.ROOT, "- **Other groups kept off VTA** (every group after the stem that could "
                + "run on VTA, counted over all combinations, by anchor op): %s. The share of MACs kept off VTA "
                + "ranges from %s to %s (median %s).", String.join("; ", parts), Numbers.percent(Stats.min(shares)),
                Numbers.percent(Stats.max(shares)), Numbers.percent(Stats.median(shares))));
    }

    private static void rule(ReportContext ctx, List<Config> vta) {
        List<Double> vsOpt = new ArrayList<>();
        List<Double> vsTvm = new ArrayList<>();
        List<Double> tvmCost = new ArrayList<>();
        Config worst = null;
        double worstRatio = 0;
        List<String> notApplicable = new ArrayList<>();
        for (Config c : vta) {
            Outcome o = c.optimum().outcome();
            Optional<BaselineOutcome> b = o.baseline(RULE);
            if (b.isEmpty() || !b.get().applies()) {
                notApplicable.add(c.model() + " on " + c.hardware()
                        + b.map(x -> " (" + x.reason() + ")").orElse(""));
                continue;
            }
            double ratio = b.get().speedup();
            vsOpt.add(ratio);
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = c;
            }
            if (c.tvm() != null && c.tvm().ok()) {
                vsTvm.add(b.get().objectiveNs() / (double) c.tvm().outcome().objectiveNs());
                tvmCost.add(c.tvm().outcome().objectiveNs() / (double) o.objectiveNs());
            }
        }
        if (vsOpt.isEmpty()) {
            ctx.line("- **TVM's rule** applies to none of these configurations: " + String.join("; ", notApplicable)
                    + ".");
            return;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "- **What TVM's manual rule costs.** "
                + "Against the optimum, `tvm-rule` is %s slower at the median and %s at worst (%s on %s), over %d "
                + "configurations.", pct(Stats.median(vsOpt)), pct(worstRatio), worst.model(), worst.hardware(),
                vsOpt.size()));
        if (!vsTvm.isEmpty()) {
            sb.append(String.format(Locale.ROOT, " Against the best plan TVM's VTA flow can build "
                    + "(`%s`), it is %s slower at the median (worst %s); that restriction itself "
                    + "costs %s at the median (worst %s).", ctx.name(Setting.TVM_COMPATIBLE), pct(Stats.median(vsTvm)),
                    pct(Stats.max(vsTvm)),
                    pct(Stats.median(tvmCost)), pct(Stats.max(tvmCost))));
        }
        if (!notApplicable.isEmpty()) {
            sb.append(" The rule does not apply to ").append(notApplicable.size()).append(" configuration(s), e.g. ")
                    .append(notApplicable.get(0)).append('.');
        }
        ctx.line(sb.toString());
    }

    private static void block(ReportContext ctx, List<Config> vta) {
        Map<String, List<Double>> share = new TreeMap<>(Comparator.comparingInt(FirstLayerSection::blockOrder));
        Map<String, List<Double>> rule = new TreeMap<>(Comparator.comparingInt(FirstLayerSection::blockOrder));
        for (Config c : vta) {
            String overrides = Labels.overrides(c.optimum().run().overrides());
            String block = overrides.startsWith("BLOCK=") ? overrides.split(" ")[0] : "BLOCK as shipped";
            share.computeIfAbsent(block, k -> new ArrayList<>()).add(c.optimum().outcome().offAcceleratorMacShare());
            c.optimum().outcome().baseline(RULE).filter(BaselineOutcome::applies)
                    .ifPresent(b -> rule.computeIfAbsent(block, k -> new ArrayList<>()).add(b.speedup()));
        }
        if (share.size() < 2) {
            return;
        }
        List<String> parts = new ArrayList<>();
        share.forEach((b, s) -> parts.add(String.format(Locale.ROOT, "%s: %s of MACs off VTA on average, tvm-rule "
                + "%s slower (median)", b, Numbers.percent(Stats.mean(s)),
                rule.containsKey(b) ? pct(Stats.median(rule.get(b))) : "n/a")));
        ctx.line("- **BLOCK size.** " + String.join("; ", parts) + ".");
    }

    private static int blockOrder(String label) {
        String digits = label.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    private static void budgets(ReportContext ctx) {
        Map<Double, List<Double>> higher = new TreeMap<>();
        Map<Double, List<Double>> slower = new TreeMap<>();
        Map<String, Long> unconstrained = new LinkedHashMap<>();
        for (RunRow r : ctx.ok()) {
            if (r.run().minSqnrDb() == null && !r.run().tvmCompatible()) {
                unconstrained.put(r.run().model() + "\u0000" + Labels.hardware(r.run()) + r.run().objective(),
                        r.outcome().objectiveNs());
            }
        }
        Map<Double, Integer> infeasible = new TreeMap<>();
        Map<Double, Integer> total = new TreeMap<>();
        for (RunRow r : ctx.rows()) {
            if (r.run().minSqnrDb() == null || r.run().tvmCompatible() || !r.run().objective().equals("latency")) {
                continue;
            }
            double b = r.run().minSqnrDb();
            total.merge(b, 1, Integer::sum);
            if (r.status() == RunStatus.INFEASIBLE) {
                infeasible.merge(b, 1, Integer::sum);
            } else if (r.ok()) {
                higher.computeIfAbsent(b, k -> new ArrayList<>()).add((double) r.outcome().higherPrecisionGroups()
                        .size());
                Long free = unconstrained.get(r.run().model() + "\u0000" + Labels.hardware(r.run())
                        + r.run().objective());
                if (free != null) {
                    slower.computeIfAbsent(b, k -> new ArrayList<>()).add(r.outcome().objectiveNs() / (double) free);
                }
            }
        }
        if (total.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        total.forEach((b, n) -> parts.add(String.format(Locale.ROOT, ">= %s dB: %s groups at higher precision on "
                        + "average, latency %s the unconstrained optimum's (median; worst %s), %d of %d runs infeasible",
                Numbers.plain(b), higher.containsKey(b) ? String.format(Locale.ROOT, "%.1f", Stats.mean(higher.get(b)))
                : "n/a", slower.containsKey(b) ? Numbers.times(Stats.median(slower.get(b))) : "n/a",
                slower.containsKey(b) ? Numbers.times(Stats.max(slower.get(b))) : "n/a", infeasible.getOrDefault(b, 0),
                n)));
        ctx.line("- **Accuracy budget** (`" + ctx.name(Setting.MIN_SQNR) + "`, not TVM-restricted): "
                + String.join("; ", parts) + ". See the latency-vs-budget figure below.");
    }

    private static void gpu(ReportContext ctx, List<Config> gpu) {
        Map<String, int[]> byBudget = new LinkedHashMap<>();
        Map<String, List<String>> examples = new LinkedHashMap<>();
        List<RunRow> rows = new ArrayList<>(ctx.ok().stream().filter(r -> r.outcome().accelerators().contains("gpu")
                && !r.run().tvmCompatible() && r.outcome().choices().size() > 1).toList());
        rows.sort(Comparator.comparingDouble(r -> r.run().minSqnrDb() == null ? -1 : r.run().minSqnrDb()));
        for (RunRow r : rows) {
            Outcome o = r.outcome();
            String budget = r.run().minSqnrDb() == null ? "no budget" : ">= " + Numbers.plain(r.run().minSqnrDb())
                    + " dB";
            // runs, stem on the GPU, narrower than the bulk, same precision as the bulk, wider than the bulk
            int[] t = byBudget.computeIfAbsent(budget, k -> new int[5]);
            t[0]++;
            String stem = o.choices().get(0);
            String bulk = modal(o.choices().subList(1, o.choices().size()));
            if (stem.startsWith("gpu:")) {
                t[1]++;
            }
            int cmp = Integer.compare(Precision.parse(stem.split(":")[1]).bits(),
                    Precision.parse(bulk.split(":")[1]).bits());
            if (cmp == 0) {
                t[3]++;
            } else if (cmp < 0) {
                t[2]++;
            } else if (cmp > 0) {
                t[4]++;
            }
            if (!stem.equals(bulk)) {
                examples.computeIfAbsent(budget, k -> new ArrayList<>()).add(r.run().model() + " " + stem + " vs "
                        + bulk);
            }
        }
        List<String> parts = new ArrayList<>();
        byBudget.forEach((b, t) -> parts.add(String.format(Locale.ROOT, "%s: the stem runs on the GPU in %d of %d "
                + "models, at a narrower precision than most groups in %d, the same precision in %d, a wider one in %d%s",
                b, t[1], t[0], t[2], t[3], t[4], examples.containsKey(b) ? " (" + String.join("; ",
                examples.get(b)) + ")" : "")));
        ctx.line("- **The GPU question** (x86-h200, CPU + GPU, every GPU precision; *most groups* = the commonest "
                + "choice of the other groups). " + String.join(". ", parts) + ".").line("");
    }

    private static String modal(List<String> xs) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        xs.forEach(x -> counts.merge(x, 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("-");
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", (ratio - 1) * 100);
    }
}
