package dev.hetplace.experiments.report;

import dev.hetplace.experiments.plot.Plots;
import dev.hetplace.experiments.run.Numbers;
import dev.hetplace.experiments.run.RunRow;
import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Profiles;
import dev.hetplace.hw.VtaConfig;
import dev.hetplace.planner.setting.Setting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A VTA design-space study, written when the sweep varies VTA's GEMM core or buffers: every design's latency
 * (no budget, not TVM-restricted) against its on-chip buffer bytes and its MAC array size, as Pareto fronts per
 * model and over all models (geometric mean of latency relative to each model's best design); the designs on the
 * fronts; which layers each design keeps on the CPU; and what the accuracy budgets and TVM's rules cost.
 */
final class VtaDesignSection {
    private static final String VTA = "devices.vta.";

    /** A VTA build as the run's profile resolves it (overrides applied), and the CPU<->VTA link bandwidth. */
    private record Design(VtaConfig vta, double linkGBps) {
        int macs() {
            return vta.batch() * vta.blockIn() * vta.blockOut();
        }

        long bufferBytes() {
            return (1L << vta.logInpBuffSize()) + (1L << vta.logWgtBuffSize()) + (1L << vta.logAccBuffSize())
                    + (1L << vta.logUopBuffSize());
        }

        String core() {
            return vta.batch() + "x" + vta.blockIn() + "x" + vta.blockOut();
        }

        String buffers() {
            return String.format(Locale.ROOT, "%d/%d/%d KiB", (1 << vta.logInpBuffSize()) / 1024,
                    (1 << vta.logWgtBuffSize()) / 1024, (1 << vta.logAccBuffSize()) / 1024);
        }

        String memory() {
            return String.format(Locale.ROOT, "%s MHz, %d-bit", Numbers.plain(vta.clockMHz()), vta.memoryPortBits());
        }

        String label() {
            return core() + ", " + buffers() + ", " + memory();
        }
    }

    private VtaDesignSection() {
    }

    /**
     * Whether the rows vary VTA's configuration (two or more designs) on one host platform: designs are told apart
     * by their VTA overrides, so a sweep that also varies the platform (another CPU, or no VTA) compares hosts, not
     * VTA designs.
     */
    static boolean applies(List<RunRow> rows) {
        return rows.stream().map(r -> r.run().platform()).distinct().count() == 1
                && rows.stream().map(r -> vtaOverrides(r.run())).filter(m -> !m.isEmpty()).distinct().limit(2)
                        .count() == 2;
    }

    static void write(ReportContext ctx) {
        ctx.line("## VTA design space: latency against on-chip buffers and MAC array size").line("");
        Map<Map<String, String>, Design> designs = new HashMap<>();
        Map<String, Map<Design, RunRow>> plain = new TreeMap<>();
        for (RunRow r : ctx.ok()) {
            if (r.run().minSqnrDb() == null && !r.run().tvmCompatible() && r.run().objective().equals("latency")) {
                Design d = designs.computeIfAbsent(new TreeMap<>(r.run().overrides()), k -> design(r.run()));
                plain.computeIfAbsent(r.run().model(), k -> new LinkedHashMap<>()).put(d, r);
            }
        }
        plain.values().removeIf(m -> m.size() < 2);
        if (plain.isEmpty()) {
            ctx.line("No model was placed on two or more designs without a budget; nothing to compare.").line("");
            return;
        }
        List<Design> all = plain.values().stream().flatMap(m -> m.keySet().stream()).distinct()
                .sorted(Comparator.comparingInt(Design::macs).thenComparingLong(Design::bufferBytes)
                        .thenComparingDouble(d -> d.vta().clockMHz()).thenComparingInt(d -> d.vta().memoryPortBits()))
                .toList();
        ctx.line(String.format(Locale.ROOT, "%d designs x %d models placed without an accuracy budget (latency "
                + "objective, TVM's rules not imposed). *Buffer bytes*: input + weight + accumulator + micro-op "
                + "buffers; *MACs*: BATCH x BLOCK_IN x BLOCK_OUT multiply-accumulates per cycle. Latency is the "
                + "planner's prediction for the whole model, CPU and VTA together.", all.size(), plain.size()))
                .line("");
        Map<Design, Double> geomean = geomeanRelative(plain, all);
        fronts(ctx, plain, geomean);
        frontTable(ctx, geomean);
        keptOnCpu(ctx, plain);
        budgets(ctx);
    }

    /** Per design: geometric mean over the models of latency / the model's best latency (1.0 = best everywhere). */
    private static Map<Design, Double> geomeanRelative(Map<String, Map<Design, RunRow>> plain, List<Design> all) {
        Map<Design, Double> out = new LinkedHashMap<>();
        for (Design d : all) {
            double logSum = 0;
            int n = 0;
            for (Map<Design, RunRow> byDesign : plain.values()) {
                RunRow r = byDesign.get(d);
                if (r == null) {
                    continue;
                }
                logSum += Math.log((double) r.outcome().objectiveNs() / best(byDesign));
                n++;
            }
            if (n == plain.size()) {
                out.put(d, Math.exp(logSum / n));
            }
        }
        return out;
    }

    private static double best(Map<Design, RunRow> byDesign) {
        return byDesign.values().stream().mapToLong(r -> r.outcome().objectiveNs()).min().orElseThrow();
    }

    private static void fronts(ReportContext ctx, Map<String, Map<Design, RunRow>> plain, Map<Design, Double> geo) {
        Map<String, List<double[]>> byBuffer = new LinkedHashMap<>();
        Map<String, List<double[]>> byMacs = new LinkedHashMap<>();
        plain.forEach((model, byDesign) -> {
            double b = best(byDesign);
            byDesign.forEach((d, r) -> {
                double rel = r.outcome().objectiveNs() / b;
                byBuffer.computeIfAbsent(model, k -> new ArrayList<>()).add(new double[]{d.bufferBytes() / 1024.0, rel});
                byMacs.computeIfAbsent(model, k -> new ArrayList<>()).add(new double[]{d.macs(), rel});
            });
        });
        ctx.figure(Plots.costFronts("Pareto front: latency vs on-chip buffer bytes", "on-chip buffers (KiB)",
                        "latency / the model's best design", byBuffer), "vta-dse-front-buffers",
                "Per model, the lowest latency any design reaches within a buffer budget (relative to the model's "
                        + "best design over the whole space): the Pareto front of buffer bytes and latency");
        ctx.figure(Plots.costFronts("Pareto front: latency vs MAC array size", "MACs per cycle (BATCH x BLOCK_IN x "
                        + "BLOCK_OUT)", "latency / the model's best design", byMacs), "vta-dse-front-macs",
                "Per model, the lowest latency any design reaches with at most that many MACs per cycle (relative to "
                        + "the model's best design): the Pareto front of MAC array size and latency");
        Map<Integer, List<double[]>> byMacCount = new TreeMap<>();
        Map<Integer, TreeSet<String>> cores = new TreeMap<>();
        geo.forEach((d, g) -> {
            byMacCount.computeIfAbsent(d.macs(), k -> new ArrayList<>()).add(new double[]{d.bufferBytes() / 1024.0, g});
            cores.computeIfAbsent(d.macs(), k -> new TreeSet<>()).add(d.core());
        });
        Map<String, List<double[]>> scatter = new LinkedHashMap<>();
        byMacCount.forEach((macs, pts) -> scatter.put(macs + " MACs (" + String.join(", ", cores.get(macs)) + ")", pts));
        ctx.figure(Plots.scatter("Every design: geometric-mean latency over the models", "on-chip buffers (KiB)",
                        "geomean latency / each model's best", scatter), "vta-dse-designs",
                "Every design (a point) by its on-chip buffer bytes and the geometric mean over the " + plain.size()
                        + " models of its latency relative to each model's best design, coloured by MAC array size");
    }

    /** The designs on the three-way front of MACs, buffer bytes and geometric-mean latency. */
    private static void frontTable(ReportContext ctx, Map<Design, Double> geo) {
        List<Design> front = new ArrayList<>();
        for (Map.Entry<Design, Double> e : geo.entrySet()) {
            Design d = e.getKey();
            boolean dominated = geo.entrySet().stream().anyMatch(o -> o.getKey() != d
                    && o.getKey().macs() <= d.macs() && o.getKey().bufferBytes() <= d.bufferBytes()
                    && o.getValue() <= e.getValue() && (o.getKey().macs() < d.macs()
                    || o.getKey().bufferBytes() < d.bufferBytes() || o.getValue() < e.getValue()));
            if (!dominated) {
                front.add(d);
            }
        }
        front.sort(Comparator.comparingInt(Design::macs).thenComparingLong(Design::bufferBytes));
        MarkdownTable t = new MarkdownTable("MACs", "BATCH x BLOCK_IN x BLOCK_OUT", "buffers (inp/wgt/acc)",
                "buffer KiB", "clock, port", "geomean latency / best");
        for (Design d : front) {
            t.row(d.macs(), d.core(), d.buffers(), d.bufferBytes() / 1024, d.memory(),
                    String.format(Locale.ROOT, "%.3f", geo.get(d)));
        }
        Design best = geo.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        ctx.line("### Pareto-optimal designs over all models").line("");
        ctx.line(String.format(Locale.ROOT, "Designs that no other design beats on MACs, buffer bytes and "
                + "geometric-mean latency at once (%d of %d). Clock and memory port are not costs on these axes, "
                + "so of designs with equal core and buffers only the fastest clock and port can be on the front. "
                + "The best design overall is %s (%.3f).", front.size(), geo.size(), best.label(),
                geo.get(best)));
        ctx.table(t);
    }

    /** Per model: the distinct sets of groups kept on the CPU, and which designs give each. */
    private static void keptOnCpu(ReportContext ctx, Map<String, Map<Design, RunRow>> plain) {
        ctx.line("### Which layers each design keeps on the CPU").line("");
        ctx.line("Groups that VTA could run but the optimum places on the CPU, per model: each distinct set, how "
                + "many designs give it, and the values of the design axes among those designs.");
        MarkdownTable t = new MarkdownTable("model", "kept on the CPU", "designs", "MACs on VTA (median)",
                "BATCH x BLOCK_IN x BLOCK_OUT", "buffers (inp/wgt/acc)", "clock, port");
        plain.forEach((model, byDesign) -> {
            Map<List<String>, List<Map.Entry<Design, RunRow>>> bySet = new LinkedHashMap<>();
            byDesign.entrySet().forEach(e -> bySet.computeIfAbsent(e.getValue().outcome().offAcceleratorGroups(),
                    k -> new ArrayList<>()).add(e));
            bySet.entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size()).forEach(e -> {
                List<Map.Entry<Design, RunRow>> ds = e.getValue();
                double[] shares = ds.stream().mapToDouble(x -> x.getValue().outcome().acceleratorMacShare()).sorted()
                        .toArray();
                t.row(model, Labels.names(e.getKey(), 6), ds.size(), Numbers.percent(shares[shares.length / 2]),
                        values(ds, Design::core), values(ds, Design::buffers), values(ds, Design::memory));
            });
        });
        ctx.table(t);
    }

    private static String values(List<Map.Entry<Design, RunRow>> ds, java.util.function.Function<Design, String> f) {
        TreeSet<String> v = ds.stream().map(e -> f.apply(e.getKey())).collect(Collectors.toCollection(() ->
                new TreeSet<>(Comparator.comparingInt(VtaDesignSection::leadingNumber).thenComparing(x -> x))));
        return v.size() > 4 ? v.size() + " values" : String.join("; ", v);
    }

    /** The number a label starts with ({@code 16/128/64 KiB} -> 16), 0 for none: orders labels by size. */
    private static int leadingNumber(String label) {
        int end = 0;
        while (end < label.length() && Character.isDigit(label.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(label.substring(0, end));
    }

    /** Feasible share and geometric-mean latency cost of each budget, with and without TVM's rules. */
    private static void budgets(ReportContext ctx) {
        Map<String, RunRow> free = new HashMap<>();
        for (RunRow r : ctx.rows()) {
            if (r.ok() && r.run().minSqnrDb() == null && !r.run().tvmCompatible()) {
                free.put(key(r.run()), r);
            }
        }
        Map<String, double[]> acc = new TreeMap<>();
        for (RunRow r : ctx.rows()) {
            String budget = (r.run().minSqnrDb() == null ? "no budget" : ">= " + Numbers.plain(r.run().minSqnrDb())
                    + " dB") + (r.run().tvmCompatible() ? ", " + ctx.name(Setting.TVM_COMPATIBLE) : "");
            double[] a = acc.computeIfAbsent(budget, k -> new double[4]);
            a[0]++;
            RunRow base = free.get(key(r.run()));
            if (r.ok()) {
                a[1]++;
                if (base != null) {
                    a[2] += Math.log((double) r.outcome().objectiveNs() / base.outcome().objectiveNs());
                    a[3]++;
                }
            }
        }
        ctx.line("### Accuracy budgets and TVM's rules").line("");
        MarkdownTable t = new MarkdownTable("constraint", "runs", "placed", "geomean latency / unconstrained");
        acc.forEach((k, a) -> t.row(k, (long) a[0], (long) a[1],
                a[3] == 0 ? "-" : String.format(Locale.ROOT, "%.3f", Math.exp(a[2] / a[3]))));
        ctx.line("Every run of the sweep by its constraint: how many found a plan, and their latency relative to the "
                + "same model on the same design without constraints (geometric mean over the placed runs).");
        ctx.table(t);
    }

    private static String key(RunSpec r) {
        return r.model() + "|" + r.platform() + "|" + new TreeMap<>(r.overrides());
    }

    private static Map<String, String> vtaOverrides(RunSpec r) {
        Map<String, String> m = new TreeMap<>();
        r.overrides().forEach((k, v) -> {
            if (k.startsWith(VTA) || k.startsWith("links.")) {
                m.put(k, v);
            }
        });
        return m;
    }

    private static Design design(RunSpec r) {
        var platform = r.overrides().isEmpty() ? Profiles.resolve(r.platform())
                : Profiles.withOverrides(Profiles.resolveJson(r.platform()), r.platform(), r.overrides());
        Device vta = platform.devices().stream().filter(d -> d.vta() != null).findFirst().orElseThrow(() ->
                new IllegalArgumentException(r.platform() + " has no VTA device"));
        double link = platform.links().stream().filter(l -> Objects.equals(l.to(), vta.id()))
                .mapToDouble(dev.hetplace.hw.Link::bandwidthGBps).findFirst().orElse(Double.NaN);
        return new Design(vta.vta(), link);
    }
}
