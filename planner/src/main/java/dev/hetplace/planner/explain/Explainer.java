package dev.hetplace.planner.explain;

import dev.hetplace.cost.Breakdown;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.CrossingStep;
import dev.hetplace.cost.TensorInfo;
import dev.hetplace.cost.Option;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.NoFeasiblePlanException;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.Plan;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.solve.Planner;
import dev.hetplace.planner.solve.SolverKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * For a group: every choice it had with its cost, breakdown and source, and what would change if it were
 * chosen: the plan re-solved with that choice pinned (its objective and the other groups that move).
 */
public final class Explainer {
    private Explainer() {
    }

    public static void explain(PlacementProblem problem, Plan plan, int group, PrintWriter out) {
        GroupedGraph gg = problem.table().graph();
        Group g = gg.group(group);
        out.printf(Locale.ROOT, "group %d %s (%s, %s -> %s, %,d MACs):%n", g.id(), g.name(), gg.anchor(g).opName(),
                gg.graph().inputTypes(gg.anchor(g)).isEmpty() ? "-"
                        : gg.graph().inputTypes(gg.anchor(g)).get(0).shapeString(),
                gg.outputType(g).shapeString(), gg.macs(g));
        for (int o : problem.allowed(group)) {
            Option opt = problem.option(group, o);
            Breakdown b = opt.cost().breakdown();
            boolean chosen = plan.choice()[group] == o;
            out.printf(Locale.ROOT, "  %s %-18s %10.1f us  [compute %.1f, load %.1f, store %.1f, padding waste %.1f, "
                            + "layout %.1f, launch %.1f us; useful %.1f%%] %s%s%n",
                    chosen ? "*" : " ", opt.choice(), opt.cost().timeNs() / 1000.0, b.computeNs() / 1000.0,
                    b.loadNs() / 1000.0, b.storeNs() / 1000.0, b.paddingWasteNs() / 1000.0, b.layoutNs() / 1000.0,
                    b.launchNs() / 1000.0, 100 * b.usefulFraction(), opt.cost().source(),
                    opt.cost().note() == null || opt.cost().note().isEmpty() ? "" : " (" + opt.cost().note() + ")");
            for (String edge : precisionEdges(problem, group, o)) {
                out.println("      " + edge);
            }
            if (!chosen) {
                out.println("      if chosen: " + ifChosen(problem, plan, group, o));
                if (!opt.choice().device().equals(problem.option(group, plan.choice()[group]).choice().device())) {
                    out.println("      moved alone: " + movedAlone(problem, plan, group, o));
                }
            }
        }
    }

    /**
     * The precision-edge crossing steps ({@code pool_edge:...}, {@code edge:...}) option {@code o} of the group pays
     * on its input or output tensor for some choice of its neighbours, each with its price and source.
     */
    static List<String> precisionEdges(PlacementProblem problem, int group, int o) {
        CostTable t = problem.table();
        List<String> out = new ArrayList<>();
        List<Integer> tensors = new ArrayList<>(t.inputTensors(group));
        tensors.add(t.outputTensor(group));
        for (int tensor : tensors) {
            TensorInfo info = t.tensor(tensor);
            List<CrossingStep> keys = t.keys(tensor);
            for (int k = 0; k < keys.size(); k++) {
                String key = keys.get(k).key();
                if (!key.startsWith("pool_edge:") && !key.startsWith("edge:")) {
                    continue;
                }
                long most = 0;
                boolean mine = false;
                for (int p = 0; p < t.producerOptions(tensor); p++) {
                    // on its output a group pays only a pool's out edge; the other steps are its consumers'
                    boolean paid = info.producer() == group && p == o && key.startsWith("pool_edge:out:")
                            && t.keyCost(tensor, p, k) > 0;
                    for (int consumer : info.consumers()) {
                        if (consumer == group) {
                            long need = t.needMask(tensor, consumer, p, o);
                            paid |= need != CostTable.INFEASIBLE && (need & (1L << k)) != 0;
                        }
                    }
                    if (paid) {
                        mine = true;
                        most = Math.max(most, t.keyCost(tensor, p, k));
                    }
                }
                if (mine) {
                    out.add(String.format(Locale.ROOT, "pays crossing %s, +%.1f us, at a precision edge:"
                            + " %s", key, most / 1000.0, t.stepNotes().getOrDefault(key, "")));
                }
            }
        }
        return out;
    }

    /**
     * Only this group moved to option {@code o}, every other group kept: what its own time saves against what the
     * crossings (and, within them, the device-to-host synchronisations) add.
     */
    static String movedAlone(PlacementProblem problem, Plan plan, int group, int o) {
        int[] flipped = plan.choice().clone();
        flipped[group] = o;
        Evaluation base = PlanEvaluator.evaluate(problem, plan.choice());
        Evaluation e = PlanEvaluator.evaluate(problem, flipped);
        if (!e.feasible()) {
            return "infeasible (" + e.violation() + ")";
        }
        long saving = problem.option(group, plan.choice()[group]).cost().timeNs()
                - problem.option(group, o).cost().timeNs();
        long crossing = e.crossingNs() - base.crossingNs();
        long sync = CrossingAttribution.syncNs(problem.table(), flipped)
                - CrossingAttribution.syncNs(problem.table(), plan.choice());
        long net = e.objectiveNs(problem.objective()) - base.objectiveNs(problem.objective());
        return String.format(Locale.ROOT, "its time %s by %.1f us, crossings add %.1f us (%.1f us of it device-to-host"
                        + " synchronisation): %s by %.1f us", saving >= 0 ? "drops" : "grows", Math.abs(saving) / 1000.0,
                crossing / 1000.0, sync / 1000.0, net > 0 ? "the plan loses" : "the plan gains", Math.abs(net) / 1000.0);
    }

    /** The re-solved plan with the group pinned to option {@code o}, against the chosen plan. */
    static String ifChosen(PlacementProblem problem, Plan plan, int group, int o) {
        List<List<Integer>> allowed = new ArrayList<>(problem.allowed());
        allowed.set(group, List.of(o));
        PlacementProblem pinned = problem.toBuilder().allowed(allowed).build();
        Plan alt;
        try {
            alt = Planner.solve(pinned, PlanRequest.builder().solver(SolverKind.EXACT).seed(plan.seed()).build());
        } catch (NoFeasiblePlanException e) {
            return "no feasible plan (" + e.getMessage() + ")";
        }
        long delta = alt.objectiveNs() - plan.objectiveNs();
        List<String> moved = new ArrayList<>();
        for (int g = 0; g < plan.choice().length; g++) {
            if (g != group && alt.choice()[g] != plan.choice()[g]) {
                moved.add(problem.table().graph().group(g).name() + "->" + alt.choices().get(g));
            }
        }
        return String.format(Locale.ROOT, "best plan %+.1f us (%.3f ms)%s", delta / 1000.0, alt.objectiveNs() / 1e6,
                moved.isEmpty() ? ", no other group moves"
                        : ", and " + moved.size() + " other group(s) move: " + String.join(", ", moved.subList(0,
                        Math.min(6, moved.size()))) + (moved.size() > 6 ? ", ..." : ""));
    }
}
