package dev.hetplace.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.json.GraphJson;
import dev.hetplace.ir.op.Input;
import dev.hetplace.ir.op.OpText;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.source.ModelLoader;
import dev.hetplace.ir.tensor.TensorType;
import dev.hetplace.ir.zoo.ModelZoo;
import dev.hetplace.planner.run.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code place inspect --model X}: every layer with its op, shapes, MACs, parameters and group, then the
 * totals. The model is shown as loaded (BatchNorm not folded; grouping fuses it into its conv's group).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print a model's layers: op, input -> output shape, MACs, parameters, group; then totals.")
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "a zoo model (see 'place models'), an .onnx file or a graph .json file")
    String model;

    @Option(names = "--format", defaultValue = "table", converter = OutputFormat.Converter.class,
            paramLabel = "FORMAT", description = "table (default) or json")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        Graph graph = ModelLoader.load(model);
        GroupedGraph gg = Grouping.apply(graph);
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            printJson(gg, out);
        } else {
            printTable(gg, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private String description() {
        return ModelZoo.contains(model) ? ModelZoo.describe(model) : model;
    }

    private void printTable(GroupedGraph gg, PrintWriter out) {
        Graph g = gg.graph();
        out.println(g.name() + ": " + description());
        TextTable table = new TextTable(List.of("#", "name", "op", "input -> output", "MACs", "params", "group"),
                true, false, false, false, true, true, false);
        for (Layer l : g.layers()) {
            String in = l.op() instanceof Input ? "-" : g.inputTypes(l).stream().map(TensorType::shapeString)
                    .collect(Collectors.joining(", "));
            int group = gg.groupOf(l.id());
            table.row(String.valueOf(l.id()), l.name(), OpText.of(l.op()), in + " -> " + l.output().shapeString(),
                    ModelTotals.count(g.macs(l)), ModelTotals.count(g.params(l)),
                    group < 0 ? "-" : gg.group(group).ref());
        }
        table.print(out);
        ModelTotals t = ModelTotals.of(gg);
        out.println();
        out.println("layers " + t.layers() + ", groups " + t.groups() + ", params " + ModelTotals.count(t.params())
                + ", MACs " + ModelTotals.count(t.macs()) + " (conv + dense " + ModelTotals.count(t.convDenseMacs())
                + ")");
    }

    /** The graph's JSON form (readable back by GraphJson) plus each layer's group, the groups and the totals. */
    private void printJson(GroupedGraph gg, PrintWriter out) throws Exception {
        Graph g = gg.graph();
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        ObjectNode root = GraphJson.toTree(g);
        root.put("description", description());
        for (JsonNode node : root.get("layers")) {
            int group = gg.groupOf(node.get("id").asInt());
            if (group < 0) {
                ((ObjectNode) node).putNull("group");
            } else {
                ((ObjectNode) node).put("group", group);
            }
        }
        ArrayNode groups = root.putArray("groups");
        for (Group gr : gg.groups()) {
            ObjectNode n = groups.addObject();
            n.put("id", gr.id());
            n.put("name", gr.name());
            n.put("anchor", gr.anchor());
            gr.layers().forEach(n.putArray("layers")::add);
            gr.inputs().forEach(n.putArray("inputs")::add);
            n.put("output", gr.output());
            n.put("macs", gg.macs(gr));
        }
        ModelTotals t = ModelTotals.of(gg);
        ObjectNode totals = root.putObject("totals");
        totals.put("layers", t.layers());
        totals.put("groups", t.groups());
        totals.put("params", t.params());
        totals.put("macs", t.macs());
        totals.put("convDenseMacs", t.convDenseMacs());
        out.println(mapper.writeValueAsString(root));
    }
}
