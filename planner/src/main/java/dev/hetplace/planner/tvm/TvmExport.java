package dev.hetplace.planner.tvm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.backends.vta.VtaWorkloads;
import dev.hetplace.cost.CostTable;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.tvm.rules.TvmRegion;
import dev.hetplace.planner.tvm.rules.TvmRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a plan as the arguments TVM's VTA flow takes: {@code relay.quantize.qconfig(skip_conv_layers=...,
 * skip_dense_layer=...)} and {@code graph_pack(start_name=..., stop_name=..., start_name_idx=...,
 * stop_name_idx=...)}, as a Python snippet and as JSON. graph_pack's indices are positions among the let-bound
 * values of the quantized program (graphpack.py get_subgraph, v0.18.0), which quantization lengthens (a rounding
 * add per requantize, bias adds, batch-norm shifts), so the snippet computes them inside TVM, from the quantized
 * program, for start and stop ops quantization neither adds nor removes, counted in TVM's visit order
 * ({@link RelayOrder}). A plan TVM cannot build exactly as priced is refused with the reason.
 */
public final class TvmExport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Ops whose output may start the region: quantization adds none of them and removes none. */
    static final Set<String> START_OPS = Set.of("nn.max_pool2d", "nn.avg_pool2d", "nn.relu", "nn.conv2d",
            "concatenate");
    /** Single-input ops the region may stop at: the let before them is their input, which graph_pack unpacks. */
    static final Set<String> STOP_OPS = Set.of("nn.global_avg_pool2d", "nn.batch_flatten", "nn.max_pool2d",
            "nn.avg_pool2d", "nn.relu");

    private TvmExport() {
    }

    /** The TVM arguments, or the reason the plan cannot be expressed in TVM's flow. */
    public static TvmExportResult of(PlacementResult r) {
        CostTable t = r.problem().table();
        GroupedGraph gg = t.graph();
        Graph graph = gg.graph();
        List<Choice> choices = r.plan().choices();
        Optional<Device> vta = TvmRules.vta(t);
        if (vta.isEmpty()) {
            return TvmExportResult.refused("the targets have no VTA device; TVM's VTA flow does not apply");
        }
        String vtaId = vta.get().id();
        boolean anyOnVta = false;
        for (Group g : gg.groups()) {
            Choice c = choices.get(g.id());
            if (c.precision() != Precision.INT8 && c.precision() != Precision.FP32) {
                return TvmExportResult.refused("group " + g.name() + " runs in " + c.precision().id()
                        + "; TVM's VTA flow has int8 and fp32 only");
            }
            OptionalInt fused = TvmRules.fusedVtaOption(t, g.id(), vta.get());
            Optional<Group> tvmFusedInto = VtaWorkloads.tvmFusionProducer(gg, g);
            if (fused.isEmpty() && tvmFusedInto.isPresent()
                    && choices.get(tvmFusedInto.get().id()).device().equals(vtaId)) {
                return TvmExportResult.refused("group " + g.name() + " runs " + c + ", but "
                        + TvmRules.unpricedFusion(gg, g, tvmFusedInto.get()));
            }
            if (fused.isPresent() && choices.get(t.options(g.id()).get(fused.getAsInt()).cost().fusedInto())
                    .device().equals(vtaId) && !c.device().equals(vtaId)) {
                return TvmExportResult.refused("group " + g.name() + " runs " + c + ", but TVM fuses it into conv "
                        + gg.group(t.options(g.id()).get(fused.getAsInt()).cost().fusedInto()).name()
                        + " on VTA and runs it on VTA's ALU");
            }
            if (c.device().equals(vtaId)) {
                anyOnVta = true;
                Layer a = gg.anchor(g);
                if (fused.isPresent() && c.equals(t.options(g.id()).get(fused.getAsInt()).choice())) {
                    continue;
                }
                if (!(a.op() instanceof Conv2d conv)) {
                    return TvmExportResult.refused("group " + g.name() + " (" + a.opName()
                            + ") is on VTA, but TVM's flow offloads only packed convs (dense and ALU-only ops stay on the CPU)");
                }
                if (!TvmRules.packable(gg, g, conv, vta.get())) {
                    return TvmExportResult.refused("conv " + g.name() + " is on VTA, but graph_pack cannot pack it "
                            + "(grouped, or input channels not a multiple of BLOCK_IN=" + vta.get().vta().blockIn() + ")");
                }
            }
        }
        if (!anyOnVta) {
            return TvmExportResult.refused("no group is on VTA; nothing for graph_pack to pack");
        }
        // the packed region: VTA's convs and the CPU groups on packed tensors, contiguous in TVM's visit order
        RelayOrder order = RelayOrder.of(graph);
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (Group g : gg.groups()) {
            if (choices.get(g.id()).layout() == Layout.BLOCKED) {
                for (int l : g.layers()) {
                    lo = Math.min(lo, order.position(l));
                    hi = Math.max(hi, order.position(l));
                }
            }
        }
        for (int p = lo; p <= hi; p++) {
            Layer l = order.layers().get(p);
            Group g = gg.group(gg.groupOf(l.id()));
            if (choices.get(g.id()).layout() != Layout.BLOCKED) {
                return TvmExportResult.refused("group " + g.name() + " runs " + choices.get(g.id())
                        + " inside the packed region (in TVM's visit order it lies between packed groups); graph_pack "
                        + "packs one region and changes layout only at its edges");
            }
        }
        TvmRegion region = TvmRegion.of(gg);
        List<Integer> skipConv = new ArrayList<>();
        List<Layer> convs = order.convs();
        for (int i = 0; i < convs.size(); i++) {
            if (choices.get(gg.groupOf(convs.get(i).id())).precision() != Precision.INT8) {
                skipConv.add(i);
            }
        }
        Boolean skipDense = null;
        for (Group g : gg.groups()) {
            Choice c = choices.get(g.id());
            if (region.afterQuantizeStop(g.id()) && c.precision() != Precision.FP32) {
                return TvmExportResult.refused("group " + g.name() + " runs in " + c.precision().id() + " after "
                        + "global_avg_pool2d, whose annotate rule stops quantization: TVM runs it in fp32");
            }
            if (gg.anchor(g).op() instanceof Dense && !region.afterQuantizeStop(g.id())) {
                boolean fp = c.precision() != Precision.INT8;
                if (skipDense != null && skipDense != fp) {
                    return TvmExportResult.refused("dense layers differ in precision; skip_dense_layer is one flag");
                }
                skipDense = fp;
            }
        }
        if (lo == 0) {
            return TvmExportResult.refused("the packed region would start at the first layer; graph_pack needs a "
                    + "start op before it");
        }
        Layer startLayer = order.layers().get(lo - 1);
        String startName = RelayNames.of(startLayer.op());
        if (!START_OPS.contains(startName)) {
            return TvmExportResult.refused("the packed region starts after " + startLayer.name() + " (" + startName
                    + "), whose count quantization changes; graph_pack's start must be one of "
                    + String.join(", ", new TreeSet<>(START_OPS)));
        }
        for (int p = lo - 1; p <= hi; p++) {
            Layer l = order.layers().get(p);
            for (int consumer : graph.consumers(l.id())) {
                int cp = order.position(consumer);
                if (cp > hi + 1 || cp == hi + 1 && p != hi) {
                    return TvmExportResult.refused("layer " + l.name() + " inside the packed region feeds "
                            + graph.layer(consumer).name() + " after it; graph_pack unpacks only the region's last value");
                }
            }
            if (p >= lo && p < hi && graph.outputs().contains(l.id())) {
                return TvmExportResult.refused("layer " + l.name() + " inside the packed region is a graph output");
            }
        }
        TvmBoundary start = new TvmBoundary(startName, order.occurrence(startLayer), false);
        TvmBoundary stop = null;
        if (hi + 1 < order.layers().size()) {
            Layer stopLayer = order.layers().get(hi + 1);
            String stopName = RelayNames.of(stopLayer.op());
            if (!STOP_OPS.contains(stopName) || stopLayer.inputs().size() != 1) {
                return TvmExportResult.refused("the packed region stops at " + stopLayer.name() + " (" + stopName
                        + "); graph_pack's stop must be a single-input op quantization does not multiply, one of "
                        + String.join(", ", new TreeSet<>(STOP_OPS)));
            }
            stop = new TvmBoundary(stopName, order.occurrence(stopLayer),
                    stopLayer.op() instanceof GlobalPool gp && gp.kind() == PoolKind.AVG);
        } else if (graph.outputs().size() != 1) {
            return TvmExportResult.refused("the packed region runs to the end of a graph with "
                    + graph.outputs().size() + " outputs; graph_pack needs one op to stop at");
        }
        TvmPackArgs args = new TvmPackArgs(skipConv, skipDense == null || skipDense, start, stop,
                vta.get().vta().blockIn(), vta.get().vta().blockOut());
        return TvmExportResult.ok(args, TvmSnippet.python(r, args), json(r, args));
    }

    private static ObjectNode json(PlacementResult r, TvmPackArgs a) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", 2);
        root.put("model", r.modelName());
        root.put("platform", r.problem().table().platform().name());
        root.put("tvm", TvmSnippet.TVM_VERSIONS);
        ObjectNode q = root.putObject("qconfig");
        q.put("global_scale", 8.0);
        ArrayNode skip = q.putArray("skip_conv_layers");
        a.skipConvLayers().forEach(skip::add);
        q.put("skip_dense_layer", a.skipDenseLayer());
        ObjectNode gp = root.putObject("graph_pack");
        gp.put("bfactor", 1);
        gp.put("cfactor", a.blockOut());
        gp.put("weight_bits", 8);
        gp.put("start_name", a.start().opName());
        gp.put("stop_name", a.toEnd() ? "copy" : a.stop().opName());
        gp.put("device_annot", false);
        // graph_pack's indices exist only in the quantized program: where to find them
        ObjectNode pos = root.putObject("graph_pack_positions");
        ObjectNode s = pos.putObject("start_name_idx");
        s.put("op", a.start().opName());
        s.put("occurrence", a.start().occurrence());
        ObjectNode e = pos.putObject("stop_name_idx");
        if (a.toEnd()) {
            e.put("op", "copy");
            e.put("appended", true);
        } else {
            e.put("op", a.stop().opName());
            e.put("occurrence", a.stop().occurrence());
            if (a.stop().globalPool()) {
                e.put("from_pytorch_op", "nn.adaptive_avg_pool2d");
            }
        }
        root.set("groups", groupMap(r));
        return root;
    }

    /** The per-group device and precision map, which every export carries and refused exports fall back to. */
    public static ArrayNode groupMap(PlacementResult r) {
        GroupedGraph gg = r.problem().table().graph();
        ArrayNode arr = MAPPER.createArrayNode();
        for (Group g : gg.groups()) {
            Choice c = r.plan().choices().get(g.id());
            ObjectNode n = arr.addObject();
            n.put("index", g.id());
            n.put("group", g.name());
            n.put("op", gg.anchor(g).opName());
            n.put("device", c.device());
            n.put("precision", c.precision().id());
            n.put("layout", c.layout().id());
        }
        return arr;
    }

    public static String toJson(ObjectNode n) {
        try {
            return MAPPER.writeValueAsString(n) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pyList(List<Integer> xs) {
        return xs.toString().replace(" ", "").replace(",", ", ").toLowerCase(Locale.ROOT);
    }
}
