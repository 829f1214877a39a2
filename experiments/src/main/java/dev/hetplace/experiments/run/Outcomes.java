package dev.hetplace.experiments.run;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.Option;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.planner.baseline.Baseline;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.Plan;
import dev.hetplace.planner.domain.Sqnr;
import dev.hetplace.planner.run.PlacementResult;
import java.util.ArrayList;
import java.util.List;

/** Reads an {@link Outcome} off a solved problem: figures, baselines, and where the groups went. */
public final class Outcomes {
    private Outcomes() {
    }

    public static Outcome of(PlacementResult r) {
        return of(r.modelName(), r.provenance().modelHash(), r.problem(), r.plan(), r.baselines(), r.tableNanos(),
                r.solveNanos(), ValidationFigures.of(r.validation()));
    }

    public static Outcome of(String modelName, String modelHash, PlacementProblem problem, Plan plan,
                             List<Baseline> baselines, long tableNanos, long solveNanos, ValidationFigures validation) {
        CostTable t = problem.table();
        GroupedGraph gg = t.graph();
        List<String> targets = t.platform().deviceIds().stream().filter(t::offersDevice).toList();
        List<String> accelerators = new ArrayList<>();
        Precision narrowest = null;
        for (Device d : t.platform().devices()) {
            if (d.kind() != DeviceKind.CPU && t.offersDevice(d.id())) {
                accelerators.add(d.id());
            }
        }
        for (int g = 0; g < t.groupCount(); g++) {
            for (Option o : t.options(g)) {
                if (accelerators.contains(o.choice().device())
                        && (narrowest == null || o.choice().precision().bits() < narrowest.bits())) {
                    narrowest = o.choice().precision();
                }
            }
        }
        List<String> names = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        List<String> choices = new ArrayList<>();
        List<String> off = new ArrayList<>();
        List<String> higher = new ArrayList<>();
        long totalMacs = 0;
        long offMacs = 0;
        long onMacs = 0;
        for (Group g : gg.groups()) {
            Choice c = plan.choices().get(g.id());
            long macs = gg.macs(g);
            totalMacs += macs;
            names.add(g.name());
            ops.add(gg.anchor(g).opName());
            choices.add(c.toString());
            if (accelerators.contains(c.device())) {
                onMacs += macs;
            }
            boolean capable = t.options(g.id()).stream().anyMatch(o -> accelerators.contains(o.choice().device()));
            if (capable && !accelerators.contains(c.device())) {
                off.add(g.name());
                offMacs += macs;
            }
            if (capable && narrowest != null && c.precision().bits() > narrowest.bits()) {
                higher.add(g.name());
            }
        }
        List<BaselineOutcome> bs = new ArrayList<>();
        for (Baseline b : baselines) {
            if (b instanceof Baseline.Priced priced) {
                long v = priced.evaluation().objectiveNs(problem.objective());
                bs.add(new BaselineOutcome(b.name(), true, v, priced.evaluation().latencyNs(),
                        LatencySplit.of(priced.evaluation()), plan.objectiveNs() > 0 ? v / (double) plan.objectiveNs()
                        : null, null));
            } else if (b instanceof Baseline.NotApplicable na) {
                bs.add(new BaselineOutcome(b.name(), false, null, null, null, null, na.reason()));
            }
        }
        double sqnr = Sqnr.db(plan.evaluation().noisePpb());
        return new Outcome(modelName, modelHash, t.platform().name(), t.platform().profileHash(), targets,
                t.groupCount(), totalMacs, plan.evaluation().latencyNs(), plan.objectiveNs(), plan.lowerBoundNs(),
                plan.boundMethod(), plan.gap(), plan.optimal(), plan.solver(), plan.evaluation().noisePpb(),
                Double.isInfinite(sqnr) ? null : Math.round(sqnr * 100) / 100.0, LatencySplit.of(plan.evaluation()),
                bs, accelerators, narrowest == null ? null : narrowest.id(),
                totalMacs == 0 ? 0 : onMacs / (double) totalMacs, off,
                totalMacs == 0 ? 0 : offMacs / (double) totalMacs, higher, runLength(choices), names, ops, choices,
                tableNanos / 1e6, solveNanos / 1e6, validation);
    }

    /** {@code a a a b a} -> {@code a*3 b a}. */
    public static String runLength(List<String> tokens) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < tokens.size()) {
            int j = i;
            while (j < tokens.size() && tokens.get(j).equals(tokens.get(i))) {
                j++;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(tokens.get(i));
            if (j - i > 1) {
                sb.append('*').append(j - i);
            }
            i = j;
        }
        return sb.toString();
    }
}
