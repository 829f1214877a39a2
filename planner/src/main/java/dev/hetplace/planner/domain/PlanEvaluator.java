package dev.hetplace.planner.domain;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.CrossingStep;
import dev.hetplace.cost.Option;
import dev.hetplace.cost.TensorInfo;
import dev.hetplace.planner.setting.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prices a complete assignment (option index per group) against a problem, from the cost table alone. */
public final class PlanEvaluator {
    private PlanEvaluator() {
    }

    public static Evaluation evaluate(PlacementProblem problem, int[] choice) {
        CostTable t = problem.table();
        int nd = problem.devices().size();
        long[] busy = new long[nd];
        long[] memory = new long[nd];
        long groupNs = 0;
        long noise = 0;
        Violation violation = null;
        for (int g = 0; g < t.groupCount(); g++) {
            Option o = t.options(g).get(choice[g]);
            int d = problem.deviceIndex(o.choice().device());
            groupNs += o.cost().timeNs();
            busy[d] += o.cost().timeNs();
            memory[d] += o.memoryBytes();
            noise += o.noisePpb();
            if (violation == null && !problem.allowed(g).contains(choice[g])) {
                violation = new Violation(Violation.Kind.RULED_OUT_CHOICE, "group " + t.graph().group(g).name()
                        + " takes " + o.choice() + ", which the pins or "
                        + problem.wording().name(Setting.TVM_COMPATIBLE) + " rule out");
            }
        }
        long[] byKind = new long[CrossingStep.Kind.values().length];
        for (TensorInfo tensor : t.tensors()) {
            int p = tensor.isGraphInput() ? 0 : choice[tensor.producer()];
            long mask = tensor.graphOutput() ? t.hostNeedMask(tensor.id(), p) : 0;
            if (mask == CostTable.INFEASIBLE) {
                violation = violation != null ? violation : new Violation(Violation.Kind.UNREACHABLE,
                        "output of " + describe(t, tensor) + " cannot reach the host");
                mask = 0;
            }
            for (int consumer : tensor.consumers()) {
                long need = t.needMask(tensor.id(), consumer, p, choice[consumer]);
                if (need == CostTable.INFEASIBLE) {
                    violation = violation != null ? violation : new Violation(Violation.Kind.UNREACHABLE,
                            "tensor of " + describe(t, tensor) + " cannot reach group " + t.graph().group(consumer).name());
                    continue;
                }
                mask |= need;
            }
            List<CrossingStep> keys = t.keys(tensor.id());
            for (long m = mask; m != 0; m &= m - 1) {
                int k = Long.numberOfTrailingZeros(m);
                long ns = t.keyCost(tensor.id(), p, k);
                CrossingStep step = keys.get(k);
                byKind[step.kind().ordinal()] += ns;
                for (String dev : step.devices()) {
                    busy[problem.deviceIndex(dev)] += ns;
                }
            }
        }
        if (violation == null && problem.hasNoiseBudget() && noise > problem.noiseBudgetPpb()) {
            violation = new Violation(Violation.Kind.ACCURACY_BUDGET, String.format(Locale.ROOT,
                    "accuracy budget: noise %d ppb exceeds %d ppb", noise, problem.noiseBudgetPpb()));
        }
        for (int d = 0; d < nd && violation == null; d++) {
            Long cap = problem.memoryCapacity().get(problem.devices().get(d));
            if (cap != null && memory[d] > cap) {
                violation = new Violation(Violation.Kind.MEMORY,
                        "memory of " + problem.devices().get(d) + ": " + memory[d] + " bytes exceed " + cap);
            }
        }
        long transfer = byKind[CrossingStep.Kind.TRANSFER.ordinal()];
        long cast = byKind[CrossingStep.Kind.CAST.ordinal()];
        long layout = byKind[CrossingStep.Kind.LAYOUT.ordinal()];
        long bottleneck = 0;
        List<Long> busyList = new ArrayList<>();
        List<Long> memList = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            bottleneck = Math.max(bottleneck, busy[d]);
            busyList.add(busy[d]);
            memList.add(memory[d]);
        }
        return new Evaluation(groupNs, transfer, cast, layout, groupNs + transfer + cast + layout, busyList,
                bottleneck, noise, memList, violation);
    }

    private static String describe(CostTable t, TensorInfo tensor) {
        return tensor.isGraphInput() ? "graph input #" + tensor.layer() : t.graph().group(tensor.producer()).name();
    }

    /** Whether plan {@code a} beats plan {@code b}: feasible over infeasible, then the lower objective. */
    public static boolean better(PlacementProblem p, int[] a, int[] b) {
        Evaluation ea = evaluate(p, a);
        Evaluation eb = evaluate(p, b);
        if (ea.feasible() != eb.feasible()) {
            return ea.feasible();
        }
        return ea.objectiveNs(p.objective()) < eb.objectiveNs(p.objective());
    }
}
