package dev.hetplace.planner.tvm.rules;

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
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.planner.domain.NoFeasiblePlanException;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.Wording;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * What TVM's VTA flow can build ({@code relay.quantize} + {@code graph_pack}): one packed region of quantized
 * convs on VTA whose input channels are a multiple of BLOCK_IN, each with the residual add that follows it fused
 * into it on VTA's ALU (its other summand DMA-loaded: FuseOps and {@code schedule_conv2d_packed}, see
 * {@code VtaWorkloads.fusionProducer}); the region's other ops on the CPU on packed int8 tensors (graph_pack
 * changes layout only at the region's edges and at reshapes, graphpack.py ExprPack.visit_call v0.18.0, so nothing
 * inside runs plain); before the region the CPU in fp32 or int8 (convs listed in
 * {@code skip_conv_layers} stay fp32); dense layers on the CPU, int8 or fp32 by {@code skip_dense_layer}, except
 * from {@code nn.global_avg_pool2d} on, where quantization has stopped and everything, dense included, is fp32
 * (_annotate.py global_avg_pool2d_rewrite / dense_rewrite, v0.19.0).
 */
public final class TvmRules {
    private TvmRules() {
    }

    /** The VTA device among the targets, if any. */
    public static Optional<Device> vta(CostTable t) {
        return t.platform().devices().stream().filter(d -> d.kind() == DeviceKind.VTA)
                .filter(d -> t.offersDevice(d.id())).findFirst();
    }

    /**
     * Options each group may take in a TVM-buildable plan; refuses with the reason when none exists, naming the TVM
     * rule as the front end's wording {@code w} does.
     */
    public static List<List<Integer>> allowed(CostTable t, List<List<Integer>> base, Wording w) {
        String tvmRule = w.name(Setting.TVM_COMPATIBLE);
        Device vta = vta(t).orElseThrow(() -> new IllegalArgumentException(
                tvmRule + " needs a VTA device among the targets"));
        GroupedGraph gg = t.graph();
        TvmRegion region = TvmRegion.of(gg);
        List<List<Integer>> result = new ArrayList<>();
        for (Group g : gg.groups()) {
            Predicate<Choice> rule = fusesOnVta(t, g.id(), region, vta) ? c -> c.device().equals(vta.id())
                    : rule(gg, g, region, vta);
            List<Integer> ok = new ArrayList<>();
            for (int o : base.get(g.id())) {
                if (rule.test(t.options(g.id()).get(o).choice())) {
                    ok.add(o);
                }
            }
            Optional<Group> fusedConv = VtaWorkloads.tvmFusionProducer(gg, g);
            if (region.contains(g.id()) && fusedConv.isPresent() && region.contains(fusedConv.get().id())
                    && !fusesOnVta(t, g.id(), region, vta)) {
                throw new NoFeasiblePlanException(tvmRule + ": group " + g.name() + " (" + gg.anchor(g).opName()
                        + ") has no choice TVM's VTA flow can build: " + unpricedFusion(gg, g, fusedConv.get()));
            }
            if (ok.isEmpty()) {
                throw new NoFeasiblePlanException(tvmRule + ": group " + g.name() + " ("
                        + gg.anchor(g).opName() + ") has no choice TVM's VTA flow can build: " + why(gg, g, region, vta));
            }
            result.add(ok);
        }
        return result;
    }

    private static Predicate<Choice> rule(GroupedGraph gg, Group g, TvmRegion region, Device vta) {
        Layer anchor = gg.anchor(g);
        Predicate<Choice> plainOnCpu = c -> !c.device().equals(vta.id()) && c.layout() == Layout.PLAIN;
        if (region.afterQuantizeStop(g.id()) && !region.contains(g.id())) {
            return plainOnCpu.and(c -> c.precision() == Precision.FP32);
        }
        if (region.contains(g.id())) {
            if (anchor.op() instanceof Conv2d conv) {
                boolean packable = packable(gg, g, conv, vta);
                return c -> packable && c.device().equals(vta.id());
            }
            return c -> !c.device().equals(vta.id()) && c.precision() == Precision.INT8 && c.layout() == Layout.BLOCKED;
        }
        return plainOnCpu.and(c -> c.precision() == Precision.FP32 || c.precision() == Precision.INT8);
    }

    /**
     * The option of a group that runs fused into a VTA conv (a residual add, {@code Cost.fusedInto}), if it has
     * one.
     */
    public static OptionalInt fusedVtaOption(CostTable t, int group, Device vta) {
        List<Option> options = t.options(group);
        for (int o = 0; o < options.size(); o++) {
            if (options.get(o).choice().device().equals(vta.id()) && options.get(o).cost().fused()) {
                return OptionalInt.of(o);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Whether TVM runs this group fused into a packed conv on VTA: it has a fused VTA option and the conv it fuses
     * into lies inside the packed region (where every conv is on VTA). TVM's FuseOps and
     * {@code schedule_conv2d_packed} leave it no other way (see {@code VtaWorkloads.fusionProducer}).
     */
    public static boolean fusesOnVta(CostTable t, int group, TvmRegion region, Device vta) {
        OptionalInt o = fusedVtaOption(t, group, vta);
        return o.isPresent() && region.contains(group)
                && region.contains(t.options(group).get(o.getAsInt()).cost().fusedInto());
    }

    /**
     * Why hetplace has no price for a group TVM fuses into a VTA conv: a batch norm after the add (pre-activation
     * ResNets) needs a multiply for its scale, which the FPGA's ALU lacks, unless FoldScaleAxis folds it into the
     * next convs, which hetplace does not model.
     */
    public static String unpricedFusion(GroupedGraph gg, Group g, Group conv) {
        List<String> ops = g.layers().stream().map(id -> gg.graph().layer(id).opName()).toList();
        return "TVM fuses it (" + String.join(", ", ops) + ") into conv " + conv.name() + " on VTA's ALU; hetplace "
                + "prices a fused add followed only by ReLU / clip";
    }

    public static boolean packable(GroupedGraph gg, Group g, Conv2d conv, Device vta) {
        int cin = gg.graph().inputTypes(gg.anchor(g)).get(0).dim(1);
        return conv.groups() == 1 && cin % vta.vta().blockIn() == 0;
    }

    private static String why(GroupedGraph gg, Group g, TvmRegion region, Device vta) {
        Layer anchor = gg.anchor(g);
        if (region.contains(g.id()) && anchor.op() instanceof Conv2d conv) {
            int cin = gg.graph().inputTypes(anchor).get(0).dim(1);
            return conv.groups() != 1 ? "it is a grouped conv (groups=" + conv.groups() + ") inside the packed region"
                    : "it has " + cin + " input channels inside the packed region, not a multiple of BLOCK_IN="
                            + vta.vta().blockIn();
        }
        if (region.contains(g.id())) {
            return "it is inside the packed region, where graph_pack keeps tensors packed, and the CPU has no "
                    + "int8 kernel for it on the packed layout";
        }
        return region.afterQuantizeStop(g.id()) ? "the CPU offers no fp32 kernel for it after the global average pool"
                : "the CPU offers no fp32 or int8 kernel for it";
    }
}
