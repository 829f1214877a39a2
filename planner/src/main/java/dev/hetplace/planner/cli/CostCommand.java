package dev.hetplace.planner.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.backends.measure.UserMeasurements;
import dev.hetplace.cost.Breakdown;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.GroupCostModel;
import dev.hetplace.cost.context.InContextSummary;
import dev.hetplace.cost.measured.MeasuredCostModel;
import dev.hetplace.cost.models.DeviceCostModels;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.planner.run.CostTables;
import dev.hetplace.planner.run.ExitCodes;
import dev.hetplace.planner.run.ModelInput;
import dev.hetplace.planner.run.PlatformInput;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code place cost --model M --platform P}: every group's feasible choices (device, precision, layout) with time,
 * breakdown, useful fraction, source and note, as a table, JSON or CSV.
 */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "Print every feasible choice of every group with its time, breakdown and source.")
public final class CostCommand implements Callable<Integer> {
    private static final List<String> BREAKDOWN = List.of("computeNs", "loadNs", "storeNs", "paddingWasteNs",
            "layoutNs", "launchNs");

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "zoo name (see `place models`) or an .onnx / .json file")
    String model;

    @Option(names = "--targets", split = ",", description = "device ids to price (default: every device)")
    List<String> targets = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table", description = "table (default), json or csv")
    ReportFormat format;

    @Mixin
    CostSourceOptions source;

    private record Row(Group group, String op, Device device, Precision precision, Layout layout, Cost cost) {
    }

    @Override
    public Integer call() {
        source.check();
        Map<String, String> overrides = source.overrides(List.of());
        ModelInput input = ModelInput.load(model);
        Platform p = PlatformInput.resolve(source.platform, targets, overrides);
        List<String> devices = targets.isEmpty() ? p.deviceIds() : targets;
        DeviceCostModels deviceModels = CostTables.models(source.timing, source.vtaCosts);
        UserMeasurements measured = UserMeasurements.read(source.measurements);
        GroupCostModel models = measured.isEmpty() ? deviceModels.groups()
                : new MeasuredCostModel(deviceModels.groups(), measured, p.name());
        GroupedGraph gg = input.grouped();
        List<Row> rows = new ArrayList<>();
        for (Group g : gg.groups()) {
            for (String id : devices) {
                Device d = p.device(id).orElseThrow();
                for (Precision prec : d.precisions()) {
                    for (Layout layout : Layout.values()) {
                        Optional<Cost> c = models.cost(gg, g, d, prec, layout, source.batch);
                        if (c.isPresent()) {
                            rows.add(new Row(g, gg.anchor(g).opName(), d, prec, layout, c.get()));
                        }
                    }
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> printJson(input, p, rows, out);
            case CSV -> printCsv(rows, out);
            case TABLE -> printTable(input, p, rows, out, concat(InContextSummary.lines(p, deviceModels.cpu(),
                    deviceModels.gpu()), edges(gg, p, devices, deviceModels)));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * One line per max pool whose device's costs price the kernel a runtime runs where fp32 meets int8 at it (what
     * a plan pays there, charged on that edge less the pool option's own price), and per other group and precision
     * whose costs price an input arriving in the other precision ({@code edge_int8} / {@code edge_fp32} rows).
     */
    private List<String> edges(GroupedGraph gg, Platform p, List<String> devices, DeviceCostModels models) {
        List<String> out = new ArrayList<>();
        for (Group g : gg.groups()) {
            for (String id : devices) {
                Device d = p.device(id).orElseThrow();
                models.crossings().poolEdge(gg, g, d, source.batch).ifPresent(k ->
                        out.add(String.format(Locale.ROOT, "pool edge %s (%s) on %s: %.1f us where fp32 meets int8"
                                        + " at it, charged on that edge less the pool option's price (%s)",
                                g.ref(), g.name(), id, k.ns() / 1000.0, k.note())));
                if (gg.anchor(g).opName().equals("max_pool2d")
                        || g.inputs().stream().allMatch(in -> gg.groupOf(in) < 0)) {
                    continue; // a pool's edges are its pool_edge; a group reading only graph inputs has none
                }
                for (Precision at : List.of(Precision.INT8, Precision.FP32)) {
                    models.crossings().precisionEdge(gg, g, d, at, source.batch).ifPresent(k ->
                            out.add(String.format(Locale.ROOT, "precision edge %s (%s) on %s:%s: %.1f us per input"
                                            + " arriving in the other precision, %s (%s)", g.ref(), g.name(), id,
                                    at.id(), k.ns() / 1000.0, at == Precision.FP32 ? "its dequantize included"
                                            : "its quantize priced apart", k.note())));
                }
            }
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private void printTable(ModelInput input, Platform p, List<Row> rows, PrintWriter out, List<String> corrections) {
        out.println(input.graph().name() + " on " + p.name() + ", batch " + source.batch + ", GPU timing " + source.timing.id()
                + " (times in microseconds)");
        for (String line : corrections) {
            out.println(line);
        }
        TextTable t = new TextTable(List.of("group", "name", "op", "choice", "time_us", "compute", "load", "store",
                "padding", "layout", "launch", "useful", "source", "note"),
                false, false, false, false, true, true, true, true, true, true, true, true, false, false);
        for (Row r : rows) {
            Breakdown b = r.cost().breakdown();
            t.row(r.group().ref(), r.group().name(), r.op(),
                    r.device().id() + ":" + r.precision().id() + ":" + r.layout().id(), us(r.cost().timeNs()),
                    us(b.computeNs()), us(b.loadNs()), us(b.storeNs()), us(b.paddingWasteNs()), us(b.layoutNs()),
                    us(b.launchNs()), String.format(Locale.ROOT, "%.3f", b.usefulFraction()),
                    r.cost().source().name().toLowerCase(Locale.ROOT), r.cost().note());
        }
        t.print(out);
    }

    private void printJson(ModelInput input, Platform p, List<Row> rows, PrintWriter out) {
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("model", input.graph().name());
        root.put("modelHash", input.hash());
        root.put("platform", p.name());
        root.put("profileHash", p.profileHash());
        root.put("batch", source.batch);
        root.put("gpuTiming", source.timing.id());
        ArrayNode groups = root.putArray("groups");
        ObjectNode current = null;
        int currentId = -1;
        for (Row r : rows) {
            if (r.group().id() != currentId) {
                currentId = r.group().id();
                current = groups.addObject();
                current.put("group", r.group().ref());
                current.put("name", r.group().name());
                current.put("op", r.op());
                current.putArray("choices");
            }
            ObjectNode c = ((ArrayNode) current.get("choices")).addObject();
            c.put("device", r.device().id());
            c.put("precision", r.precision().id());
            c.put("layout", r.layout().id());
            c.put("timeNs", r.cost().timeNs());
            ObjectNode b = c.putObject("breakdown");
            long[] parts = parts(r.cost().breakdown());
            for (int i = 0; i < BREAKDOWN.size(); i++) {
                b.put(BREAKDOWN.get(i), parts[i]);
            }
            c.put("usefulFraction", r.cost().breakdown().usefulFraction());
            c.put("source", r.cost().source().name().toLowerCase(Locale.ROOT));
            c.put("note", r.cost().note());
        }
        try {
            out.println(mapper.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void printCsv(List<Row> rows, PrintWriter out) {
        out.println("group,name,op,device,precision,layout,timeNs," + String.join(",", BREAKDOWN)
                + ",usefulFraction,source,note");
        for (Row r : rows) {
            StringBuilder line = new StringBuilder();
            line.append(r.group().ref()).append(',').append(csv(r.group().name())).append(',').append(csv(r.op()))
                    .append(',').append(r.device().id()).append(',').append(r.precision().id()).append(',')
                    .append(r.layout().id()).append(',').append(r.cost().timeNs());
            for (long v : parts(r.cost().breakdown())) {
                line.append(',').append(v);
            }
            line.append(',').append(String.format(Locale.ROOT, "%.6f", r.cost().breakdown().usefulFraction()))
                    .append(',').append(r.cost().source().name().toLowerCase(Locale.ROOT)).append(',')
                    .append(csv(r.cost().note()));
            out.println(line);
        }
    }

    private static long[] parts(Breakdown b) {
        return new long[] {b.computeNs(), b.loadNs(), b.storeNs(), b.paddingWasteNs(), b.layoutNs(), b.launchNs()};
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String us(long ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1000.0);
    }
}
