package dev.hetplace.planner.report;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.Option;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.planner.baseline.Baseline;
import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.Plan;
import dev.hetplace.planner.domain.Sqnr;
import dev.hetplace.planner.explain.CrossingAttribution;
import dev.hetplace.planner.explain.Reasons;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.validate.ValidationReport;
import java.io.PrintWriter;
import java.util.Locale;

/** The plan as a table a person reads at a glance, then totals, baselines and the solver line. */
public final class PlanTable {
    private PlanTable() {
    }

    public static void print(PlacementResult r, PrintWriter out) {
        PlacementProblem p = r.problem();
        CostTable t = p.table();
        GroupedGraph gg = t.graph();
        Plan plan = r.plan();
        out.printf(Locale.ROOT, "%s on %s (targets %s), objective %s, batch %d%s%n", r.modelName(), t.platform().name(),
                String.join(",", t.platform().deviceIds().stream().filter(t::offersDevice).toList()),
                p.objective().id(), t.batch(), r.request().tvmCompatible() ? ", TVM-compatible" : "");
        long[] crossing = CrossingAttribution.perGroup(t, plan.choice());
        String fmt = "%4s  %-24s %-18s %-14s %-6s %-5s %-7s %11s %10s  %s%n";
        out.printf(Locale.ROOT, fmt, "#", "group", "op", "output", "device", "prec", "layout", "time us", "cross us",
                "reason");
        for (Group g : gg.groups()) {
            Option o = p.option(g.id(), plan.choice()[g.id()]);
            String useful = o.cost().breakdown().usefulFraction() < 0.999
                    ? String.format(Locale.ROOT, " (useful %.0f%%)", 100 * o.cost().breakdown().usefulFraction()) : "";
            out.printf(Locale.ROOT, fmt, g.id(), clip(g.name(), 24), clip(gg.anchor(g).opName(), 18),
                    gg.outputType(g).shapeString(), o.choice().device(), o.choice().precision().id(),
                    o.choice().layout().id(), us(o.cost().timeNs()), us(crossing[g.id()]),
                    Reasons.of(p, plan.choice(), plan.evaluation(), g.id()) + useful);
        }
        Evaluation e = plan.evaluation();
        out.printf(Locale.ROOT, "%nend to end %s = groups %s + transfers %s + casts %s + layout changes %s%n",
                ms(e.latencyNs()), ms(e.groupNs()), ms(e.transferNs()), ms(e.castNs()), ms(e.layoutNs()));
        VtaRuntimeTotal runtime = VtaRuntimeTotal.of(p, plan);
        if (runtime.ns() > 0) {
            out.printf(Locale.ROOT, "groups %s = %d VTA kernels %s + VTA runtime overhead %s (TVM's runtime around"
                            + " each kernel: instruction stream, staging, launch, completion; %s lists the"
                            + " terms) + other groups %s%n", ms(e.groupNs()), runtime.kernels(),
                    ms(runtime.kernelNs()), ms(runtime.ns()), r.request().wording().name(Setting.COST),
                    ms(e.groupNs() - runtime.kernelNs() - runtime.ns()));
        }
        StringBuilder busy = new StringBuilder();
        for (int d = 0; d < p.devices().size(); d++) {
            if (e.busyNs().get(d) > 0) {
                busy.append(busy.length() == 0 ? "" : ", ").append(p.devices().get(d)).append(' ')
                        .append(ms(e.busyNs().get(d)));
            }
        }
        out.printf(Locale.ROOT, "busy per device: %s%s%n", busy,
                p.objective() == Objective.THROUGHPUT ? " (bottleneck " + ms(e.bottleneckNs()) + " per input)" : "");
        out.printf(Locale.ROOT, "noise %d ppb, predicted SQNR %s (%s)%n", e.noisePpb(), sqnr(e.noisePpb()),
                t.noiseSource());
        if (r.validation() != null) {
            ValidationReport.print(r.validation(), out);
        }
        out.println();
        out.println("baselines (same cost table):");
        for (Baseline b : r.baselines()) {
            if (b instanceof Baseline.Priced priced) {
                long v = priced.evaluation().objectiveNs(p.objective());
                out.printf(Locale.ROOT, "  %-12s %12s  speed-up %5.2fx  %s%s%n", b.name(), ms(v),
                        v / (double) plan.objectiveNs(), b.description(),
                        priced.breaks() == null ? "" : " [breaks: " + priced.breaks() + "]");
            } else if (b instanceof Baseline.NotApplicable na) {
                out.printf(Locale.ROOT, "  %-12s %12s  %s%n", b.name(), "n/a", na.reason());
            }
        }
        out.println();
        out.printf(Locale.ROOT, "solver: %s, %s, %.1f ms, seed %d%n", plan.solver(),
                plan.optimal() ? "optimal (" + plan.boundMethod() + ")"
                        : String.format(Locale.ROOT, "gap %.2f%% to lower bound %s (%s)", 100 * plan.gap(),
                                ms(plan.lowerBoundNs()), plan.boundMethod()),
                r.solveNanos() / 1e6, plan.seed());
    }

    static String sqnr(long noisePpb) {
        double db = Sqnr.db(noisePpb);
        return Double.isInfinite(db) ? "inf dB (all fp32)" : String.format(Locale.ROOT, "%.1f dB", db);
    }

    static String us(long ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1000.0);
    }

    static String ms(long ns) {
        return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
