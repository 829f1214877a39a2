package dev.hetplace.planner.tvm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.cost.CostTable;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.planner.PlacementResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a plan as the arguments TVM's VTA flow takes: {@code relay.quantize.qconfig(skip_conv_layers=...,
 * skip_dense_layer=...)} and {@code graph_pack(start_name=..., stop_name=...)}, as a Python snippet and as JSON.
 * Where the start or stop op name occurs more than once, the snippet computes {@code start_name_idx} /
 * {@code stop_name_idx} inside TVM by counting calls of the quantized program in A-normal form as graph_pack
 * does (only TVM knows those positions). A plan TVM cannot build is refused with the reason.
 */
public final class TvmExport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TvmExport() {
    }

    /** The TVM arguments, or the reason the plan cannot be expressed in TVM's flow. */
    public static TvmExportResult of(PlacementResult r) {
        CostTable t = r.problem().table();
        GroupedGraph gg = t.graph();
        List<Choice> choices = r.plan().choices();
        Optional<Device> vta = TvmRules.vta(t);
        if (vta.isEmpty()) {
            return TvmExportResult.refused("the targets have no VTA device; TVM's VTA flow does not apply", groupMap(r));
        }
        String vtaId = vta.get().id();
        int first = -1;
        int last = -1;
        for (Group g : gg.groups()) {
            if (choices.get(g.id()).device().equals(vtaId)) {
                Layer a = gg.anchor(g);
                if (!(a.op() instanceof Conv2d conv)) {
                    return TvmExportResult.refused("group " + g.name() + " (" + a.opName()
                            + ") is on VTA, but TVM's flow offloads only packed convs (dense and ALU-only ops stay on the CPU)",
                            groupMap(r));
                }
                if (!TvmRules.packable(gg, g, conv, vta.get())) {
                    return TvmExportResult.refused("conv " + g.name() + " is on VTA, but graph_pack cannot pack it "
                            + "(grouped, or input channels not a multiple of BLOCK_IN=" + vta.get().vta().blockIn() + ")",
                            groupMap(r));
                }
                first = first < 0 ? g.id() : first;
                last = g.id();
            }
        }
        if (first < 0) {
            return TvmExportResult.refused("no group is on VTA; nothing for graph_pack to pack", groupMap(r));
        }
        // CPU groups on packed tensors next to the VTA groups (residual adds, ReLU) belong to the packed region
        while (first > 0 && choices.get(first - 1).layout() == Layout.BLOCKED) {
            first--;
        }
        while (last + 1 < gg.size() && choices.get(last + 1).layout() == Layout.BLOCKED) {
            last++;
        }
        for (int g = first; g <= last; g++) {
            Choice c = choices.get(g);
            Layer a = gg.anchor(gg.group(g));
            if (a.op() instanceof Conv2d && !c.device().equals(vtaId)) {
                return TvmExportResult.refused("VTA groups form more than one region: conv " + gg.group(g).name()
                        + " between them runs on " + c + "; graph_pack packs a single region", groupMap(r));
            }
            if (!(a.op() instanceof Conv2d) && c.precision() != Precision.INT8) {
                return TvmExportResult.refused("group " + gg.group(g).name() + " inside the packed region runs in "
                        + c.precision().id() + "; TVM keeps the region quantized", groupMap(r));
            }
        }
        List<Integer> skipConv = new ArrayList<>();
        List<Layer> convs = gg.graph().convLayers();
        for (int i = 0; i < convs.size(); i++) {
            if (choices.get(gg.groupOf(convs.get(i).id())).precision() != Precision.INT8) {
                skipConv.add(i);
            }
        }
        Boolean skipDense = null;
        for (Group g : gg.groups()) {
            if (gg.anchor(g).op() instanceof Dense) {
                boolean fp = choices.get(g.id()).precision() != Precision.INT8;
                if (skipDense != null && skipDense != fp) {
                    return TvmExportResult.refused("dense layers differ in precision; skip_dense_layer is one flag",
                            groupMap(r));
                }
                skipDense = fp;
            }
        }
        Group before = first > 0 ? gg.group(first - 1) : null;
        if (before == null) {
            return TvmExportResult.refused("the packed region would start at the first group; graph_pack needs a "
                    + "start op before it", groupMap(r));
        }
        String startName = RelayNames.of(gg.graph().layer(before.output()).op());
        int startOccurrence = occurrence(gg, before.output(), startName);
        Group after = last + 1 < gg.size() ? gg.group(last + 1) : null;
        String stopName = after == null ? null : RelayNames.of(gg.anchor(after).op());
        int stopOccurrence = after == null ? 0 : occurrence(gg, after.anchor(), stopName);
        TvmPackArgs args = new TvmPackArgs(skipConv, skipDense == null || skipDense, startName, startOccurrence,
                occurrences(gg, startName), stopName, stopOccurrence, stopName == null ? 0 : occurrences(gg, stopName),
                vta.get().vta().blockIn(), vta.get().vta().blockOut());
        return TvmExportResult.ok(args, TvmSnippet.python(r, args), json(r, args));
    }

    private static int occurrence(GroupedGraph gg, int layerId, String relayName) {
        int n = 0;
        for (Layer l : gg.graph().layers()) {
            if (l.id() == layerId) {
                return n;
            }
            if (RelayNames.of(l.op()).equals(relayName)) {
                n++;
            }
        }
        return n;
    }

    private static int occurrences(GroupedGraph gg, String relayName) {
        return (int) gg.graph().layers().stream().filter(l -> RelayNames.of(l.op()).equals(relayName)).count();
    }

    private static ObjectNode json(PlacementResult r, TvmPackArgs a) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("model", r.modelName());
        root.put("platform", r.problem().table().platform().name());
        ObjectNode q = root.putObject("qconfig");
        ArrayNode skip = q.putArray("skip_conv_layers");
        a.skipConvLayers().forEach(skip::add);
        q.put("skip_dense_layer", a.skipDenseLayer());
        q.put("calibrate_mode", "global_scale");
        q.put("global_scale", 8.0);
        ObjectNode gp = root.putObject("graph_pack");
        gp.put("bfactor", 1);
        gp.put("cfactor", a.blockOut());
        gp.put("weight_bits", 8);
        gp.put("start_name", a.startName());
        gp.put("start_occurrence", a.startOccurrence());
        if (a.stopName() != null) {
            gp.put("stop_name", a.stopName());
            gp.put("stop_occurrence", a.stopOccurrence());
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

    /** The group map as a standalone JSON document (what a refused export writes). */
    public static ObjectNode groupMapDocument(PlacementResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("model", r.modelName());
        root.put("platform", r.problem().table().platform().name());
        root.set("groups", groupMap(r));
        return root;
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
