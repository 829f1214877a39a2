package dev.hetplace.planner.cli;

import dev.hetplace.planner.run.ExitCodes;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code place models}: the zoo, one model per line with its size. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the built-in models: layers, groups (units of placement), parameters, GMACs.")
public final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "table", converter = OutputFormat.Converter.class,
            paramLabel = "FORMAT", description = "table (default) or json")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            ObjectNode root = mapper.createObjectNode();
            root.put("schemaVersion", 1);
            ArrayNode models = root.putArray("models");
            for (String name : ModelZoo.names()) {
                ModelTotals t = totals(name);
                ObjectNode m = models.addObject();
                m.put("name", name);
                m.put("description", ModelZoo.describe(name));
                m.put("layers", t.layers());
                m.put("groups", t.groups());
                m.put("params", t.params());
                m.put("macs", t.macs());
                m.put("convDenseMacs", t.convDenseMacs());
            }
            out.println(mapper.writeValueAsString(root));
        } else {
            TextTable table = new TextTable(List.of("name", "layers", "groups", "params", "GMACs", "description"),
                    false, true, true, true, true, false);
            for (String name : ModelZoo.names()) {
                ModelTotals t = totals(name);
                table.row(name, String.valueOf(t.layers()), String.valueOf(t.groups()), ModelTotals.count(t.params()),
                        t.gigaMacs(), ModelZoo.describe(name));
            }
            table.print(out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static ModelTotals totals(String name) {
        GroupedGraph gg = Grouping.apply(ModelZoo.build(name));
        return ModelTotals.of(gg);
    }
}
