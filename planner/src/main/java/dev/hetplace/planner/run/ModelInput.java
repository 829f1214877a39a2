package dev.hetplace.planner.run;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.LayerAddress;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.source.ModelLoader;
import dev.hetplace.ir.source.WideDagSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A model as the planner sees it: loaded, batch norms folded, grouped, with a content hash for provenance. */
public record ModelInput(String spec, Graph loaded, Graph graph, GroupedGraph grouped, String hash) {

    public static ModelInput load(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new NoModelException();
        }
        Graph g = WideDagSpec.names(spec) ? wideDag(spec) : ModelLoader.load(spec);
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

    /** A generated wide DAG, refused before it is built when it is larger than the work limits allow. */
    static Graph wideDag(String spec) {
        WideDagSpec w = WideDagSpec.parse(spec);
        WorkLimit.WIDE_DAG_GROUPS.check(w.groups(), "model " + spec);
        WorkLimit.WIDE_DAG_WIDTH.check(w.width(), "model " + spec);
        return w.generate();
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
