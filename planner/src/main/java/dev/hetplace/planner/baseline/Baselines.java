package dev.hetplace.planner.baseline;

import dev.hetplace.backends.vta.VtaWorkloads;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.Option;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.tvm.rules.TvmRegion;
import dev.hetplace.planner.tvm.rules.TvmRules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The plans every result is compared with, priced on the same table, ignoring pins and budgets. */
public final class Baselines {
    private Baselines() {
    }

    public static List<Baseline> all(PlacementProblem problem) {
        PlacementProblem free = PlacementProblem.unconstrained(problem.table(), problem.objective());
        List<Baseline> result = new ArrayList<>();
        result.add(allOnHost(free));
        result.add(tvmRule(free));
        for (Device d : problem.table().platform().devices()) {
            if (d.kind() != DeviceKind.CPU && problem.table().offersDevice(d.id())) {
                result.add(acceleratorFirst(free, d));
            }
        }
        result.add(greedy(free));
        return result.stream().map(b -> withViolation(problem, b)).toList();
    }

    /** Notes which of the run's own constraints (budget, capacity, pins) a baseline breaks. */
    private static Baseline withViolation(PlacementProblem problem, Baseline b) {
        if (!(b instanceof Baseline.Priced p)) {
            return b;
        }
        Evaluation constrained = PlanEvaluator.evaluate(problem, p.choice());
        return new Baseline.Priced(p.name(), p.description(), p.choice(), p.evaluation(), constrained.violation());
    }

    /** Every group on the host CPU in fp32. */
    static Baseline allOnHost(PlacementProblem p) {
        Choice host = p.table().host();
        return fixed(p, "cpu-fp32", "every group on the CPU in fp32",
                (g, c) -> c.equals(host), "the CPU has no fp32 kernel for some group");
    }

    /**
     * TVM's manual rule as TVM runs it: stem and every dense on the CPU in fp32, quantized convs of the packed
     * region on VTA with the residual adds that follow them fused into them (VTA's ALU), the region's other
     * ALU-only ops on the CPU on packed int8 tensors, the rest on the CPU (int8 convs before the region, fp32
     * from the global average pool on).
     */
    static Baseline tvmRule(PlacementProblem p) {
        CostTable t = p.table();
        var vtaDevice = TvmRules.vta(t);
        String name = "tvm-rule";
        String desc = "TVM's manual rule: skip_conv_layers=[0], skip_dense_layer=True, pack from max_pool2d to global_avg_pool2d";
        if (vtaDevice.isEmpty()) {
            return new Baseline.NotApplicable(name, desc, "no VTA device among the targets");
        }
        Device vta = vtaDevice.get();
        GroupedGraph gg = t.graph();
        TvmRegion region = TvmRegion.of(gg);
        int stem = gg.graph().convLayers().isEmpty() ? -1 : gg.groupOf(gg.graph().convLayers().get(0).id());
        String host = t.host().device();
        int[] choice = new int[t.groupCount()];
        for (Group g : gg.groups()) {
            var op = gg.anchor(g).op();
            List<Predicate<Choice>> preferences = new ArrayList<>();
            if (g.id() == stem || op instanceof Dense || region.afterQuantizeStop(g.id()) && !region.contains(g.id())) {
                preferences.add(c -> c.device().equals(host) && c.precision() == Precision.FP32 && c.layout() == Layout.PLAIN);
            } else if (region.contains(g.id()) && op instanceof Conv2d conv) {
                if (!TvmRules.packable(gg, g, conv, vta)) {
                    return new Baseline.NotApplicable(name, desc, "conv " + g.name()
                            + " inside the packed region cannot be packed (grouped, or input channels not a multiple of BLOCK_IN="
                            + vta.vta().blockIn() + ")");
                }
                preferences.add(c -> c.device().equals(vta.id()));
            } else if (region.contains(g.id()) && VtaWorkloads.tvmFusionProducer(gg, g)
                    .filter(conv -> region.contains(conv.id())).isPresent()
                    && !TvmRules.fusesOnVta(t, g.id(), region, vta)) {
                return new Baseline.NotApplicable(name, desc, "group " + g.name() + ": "
                        + TvmRules.unpricedFusion(gg, g, VtaWorkloads.tvmFusionProducer(gg, g).get()));
            } else if (TvmRules.fusesOnVta(t, g.id(), region, vta)) {
                // a residual add TVM fuses into the conv before it and runs on VTA's ALU
                int fused = TvmRules.fusedVtaOption(t, g.id(), vta).getAsInt();
                preferences.add(c -> c.equals(t.options(g.id()).get(fused).choice()));
            } else if (region.contains(g.id())) {
                // graph_pack keeps the whole region packed: no layout change inside it
                preferences.add(c -> c.device().equals(host) && c.precision() == Precision.INT8 && c.layout() == Layout.BLOCKED);
            } else {
                preferences.add(c -> c.device().equals(host) && c.precision() == Precision.INT8 && c.layout() == Layout.PLAIN
                        && op instanceof Conv2d);
                preferences.add(c -> c.device().equals(host) && c.precision() == Precision.FP32 && c.layout() == Layout.PLAIN);
            }
            int o = firstMatch(t.options(g.id()), preferences);
            if (o < 0) {
                return new Baseline.NotApplicable(name, desc, "group " + g.name() + " has no choice the rule asks for");
            }
            choice[g.id()] = o;
        }
        return priced(p, name, desc, choice);
    }

    /** ONNX Runtime's priority fallback: every group the accelerator supports on it, the rest on the CPU in fp32. */
    static Baseline acceleratorFirst(PlacementProblem p, Device accel) {
        CostTable t = p.table();
        Choice host = t.host();
        Precision preferred = accel.kind() == DeviceKind.VTA ? Precision.INT8 : Precision.FP32;
        int[] choice = new int[t.groupCount()];
        for (int g = 0; g < t.groupCount(); g++) {
            int o = firstMatch(t.options(g), List.of(
                    c -> c.device().equals(accel.id()) && c.precision() == preferred,
                    c -> c.equals(host)));
            if (o < 0) {
                return new Baseline.NotApplicable(accel.id() + "-first", "", "group " + t.graph().group(g).name()
                        + " has neither an " + accel.id() + " nor a CPU fp32 choice");
            }
            choice[g] = o;
        }
        return priced(p, accel.id() + "-first", "everything " + accel.id() + " supports on " + accel.id() + " in "
                + preferred.id() + ", the rest on the CPU in fp32 (ONNX Runtime's priority fallback)", choice);
    }

    /** Each group's fastest option, crossings ignored. */
    static Baseline greedy(PlacementProblem p) {
        CostTable t = p.table();
        int[] choice = new int[t.groupCount()];
        for (int g = 0; g < t.groupCount(); g++) {
            long best = Long.MAX_VALUE;
            for (int o = 0; o < t.options(g).size(); o++) {
                long ns = t.options(g).get(o).cost().timeNs();
                if (ns < best) {
                    best = ns;
                    choice[g] = o;
                }
            }
        }
        return priced(p, "greedy", "each group's fastest choice, crossings ignored", choice);
    }

    private static Baseline fixed(PlacementProblem p, String name, String desc, GroupPredicate rule, String whyNot) {
        CostTable t = p.table();
        int[] choice = new int[t.groupCount()];
        for (int g = 0; g < t.groupCount(); g++) {
            int found = -1;
            for (int o = 0; o < t.options(g).size() && found < 0; o++) {
                if (rule.test(g, t.options(g).get(o).choice())) {
                    found = o;
                }
            }
            if (found < 0) {
                return new Baseline.NotApplicable(name, desc, whyNot + " (" + t.graph().group(g).name() + ")");
            }
            choice[g] = found;
        }
        return priced(p, name, desc, choice);
    }

    private static Baseline priced(PlacementProblem p, String name, String desc, int[] choice) {
        Evaluation e = PlanEvaluator.evaluate(p, choice);
        if (!e.feasible()) {
            return new Baseline.NotApplicable(name, desc, e.violation());
        }
        return new Baseline.Priced(name, desc, choice, e, null);
    }

    private static int firstMatch(List<Option> options, List<Predicate<Choice>> preferences) {
        for (Predicate<Choice> pref : preferences) {
            for (int o = 0; o < options.size(); o++) {
                if (pref.test(options.get(o).choice())) {
                    return o;
                }
            }
        }
        return -1;
    }

    @FunctionalInterface
    private interface GroupPredicate {
        boolean test(int group, Choice choice);
    }
}
