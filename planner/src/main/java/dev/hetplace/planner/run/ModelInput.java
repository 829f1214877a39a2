package dev.hetplace.planner.run;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.LayerAddress;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.source.ModelLoader;
import dev.hetplace.ir.source.WideDagGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A model as the planner sees it: loaded, batch norms folded, grouped, with a content hash for provenance. */
public record ModelInput(String spec, Graph loaded, Graph graph, GroupedGraph grouped, String hash) {

    public static final String WIDE_DAG = WideDagGenerator.NAME + ":";

    public static ModelInput load(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--model is required (a zoo name from `place models` or an .onnx path)");
        }
        Graph g = spec.startsWith(WIDE_DAG) ? wideDag(spec) : ModelLoader.load(spec);
        Graph folded = BatchNormFolding.apply(g);
        return new ModelInput(spec, g, folded, Grouping.apply(folded), hash(folded));
    }

    /**
     * The group of a layer addressed as in {@code place inspect} (the graph as loaded, batch norms unfolded): a
     * folded batch norm belongs to its conv's group.
     */
    public int groupOf(String ref) {
        int id = LayerAddress.resolve(loaded, ref);
        Layer l = loaded.layer(id);
        Integer folded = graph.idOf(l.name());
        while (folded == null && !l.inputs().isEmpty()) {
            l = loaded.layer(l.inputs().get(0));
            folded = graph.idOf(l.name());
        }
        int group = folded == null ? -1 : grouped.groupOf(folded);
        if (group < 0) {
            throw new IllegalArgumentException("layer " + ref + " is a graph input, not a placeable group");
        }
        return group;
    }

    /** {@code wide-dag:GROUPS[:WIDTH[:MAXSKIP[:SEED]]]}: the planner's generated wide DAG (defaults 8, 50, 1). */
    static Graph wideDag(String spec) {
        String[] parts = spec.substring(WIDE_DAG.length()).split(":");
        try {
            int groups = Integer.parseInt(parts[0]);
            int width = parts.length > 1 ? Integer.parseInt(parts[1]) : 8;
            int skip = parts.length > 2 ? Integer.parseInt(parts[2]) : 50;
            long seed = parts.length > 3 ? Long.parseLong(parts[3]) : 1;
            if (parts.length > 4) {
                throw new NumberFormatException("too many parts");
            }
            WorkLimit.WIDE_DAG_GROUPS.check(groups, "model " + spec);
            WorkLimit.WIDE_DAG_WIDTH.check(width, "model " + spec);
            return WideDagGenerator.generate(groups, width, skip, seed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model '" + spec + "' is not wide-dag:GROUPS[:WIDTH[:MAXSKIP[:SEED]]]");
        }
    }

    /** sha-256 over every layer's name, op, inputs and output type: equal graphs hash equal across runs. */
    static String hash(Graph g) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Layer l : g.layers()) {
                md.update((l.name() + "|" + l.op() + "|" + l.inputs() + "|" + l.output() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            md.update(g.outputs().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
