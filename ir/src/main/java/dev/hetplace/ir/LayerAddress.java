package dev.hetplace.ir;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a user's layer reference: {@code #12} (layer id), an exact layer name, or {@code convN} (the N-th
 * conv2d in TVM's counting order, {@code conv0} = stem). The {@code convN} form wins over a layer literally
 * named like it (torchvision names its stem {@code conv1}, where TVM users mean the second conv); such a layer
 * stays reachable by {@code #index}.
 */
public final class LayerAddress {
    private static final Pattern ID = Pattern.compile("#(\\d+)");
    private static final Pattern CONV = Pattern.compile("conv(\\d+)");

    private LayerAddress() {
    }

    /** The layer id, or a {@link GraphException} naming the reference and what exists. */
    public static int resolve(Graph graph, String ref) {
        Matcher id = ID.matcher(ref);
        if (id.matches()) {
            long i = index(id.group(1));
            if (i >= graph.size()) {
                throw new GraphException("layer " + ref + " does not exist: " + graph.name() + " has layers #0 to #"
                        + (graph.size() - 1));
            }
            return (int) i;
        }
        Matcher conv = CONV.matcher(ref);
        if (conv.matches()) {
            long n = index(conv.group(1));
            List<Layer> convs = graph.convLayers();
            if (n >= convs.size()) {
                throw new GraphException("layer " + ref + " does not exist: " + graph.name() + " has " + convs.size()
                        + " conv2d layers (conv0 to conv" + (convs.size() - 1) + ")");
            }
            return convs.get((int) n).id();
        }
        Integer byName = graph.idOf(ref);
        if (byName != null) {
            return byName;
        }
        throw new GraphException("no layer '" + ref + "' in " + graph.name()
                + " (use #index, an exact layer name, or convN)");
    }

    /** The digits as a number, saturating at Long.MAX_VALUE so that a huge index is merely out of range. */
    private static long index(String digits) {
        String trimmed = digits.replaceFirst("^0+(?=.)", "");
        return trimmed.length() > 18 ? Long.MAX_VALUE : Long.parseLong(trimmed);
    }

    /** The group containing the addressed layer. */
    public static int resolveGroup(GroupedGraph gg, String ref) {
        int layer = resolve(gg.graph(), ref);
        int g = gg.groupOf(layer);
        if (g < 0) {
            throw new GraphException("layer " + ref + " is a graph input, not a placeable group");
        }
        return g;
    }
}
