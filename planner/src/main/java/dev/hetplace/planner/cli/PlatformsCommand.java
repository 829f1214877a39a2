package dev.hetplace.planner.cli;

import dev.hetplace.planner.run.ExitCodes;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.backends.cache.HetplaceCache;
import dev.hetplace.backends.measure.HostMeasurements;
import dev.hetplace.hw.CpuParams;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.GpuParams;
import dev.hetplace.hw.Link;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.hw.VtaConfig;
import dev.hetplace.planner.run.PlatformInput;
import dev.hetplace.planner.setting.SettingException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code place platforms}: the built-in platforms (or the named ones / profile files), their devices and links;
 * {@code host}, this machine's CPU, once {@code place measure} has measured it (the default listing says how).
 */
@Command(name = "platforms", mixinStandardHelpOptions = true,
        description = "Lists hardware platforms: devices (id, kind, precisions, key parameters) and links.")
public final class PlatformsCommand implements Callable<Integer> {

    enum Format { table, json }

    @Parameters(arity = "0..*", paramLabel = "PLATFORM",
            description = "Built-in platform names or profile JSON files (default: every built-in platform).")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table",
            description = "table (for people) or json (each platform's canonical profile and its hash).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        HetplaceCache cache = HetplaceCache.fromEnvironment();
        List<Platform> loaded = new ArrayList<>((platforms.isEmpty() ? Profiles.builtInNames() : platforms).stream()
                .map(name -> PlatformInput.resolve(name, List.of(), Map.of(), cache)).toList());
        String hostNote = null;
        if (platforms.isEmpty()) {
            hostNote = Profiles.HOST + ": this machine's CPU, priced from its own measurements: not measured yet (run"
                    + " `place measure --model M`; tables go to " + cache.measurements() + ")";
            if (HostMeasurements.latest(cache).isPresent()) {
                try {
                    loaded.add(PlatformInput.resolve(Profiles.HOST, List.of(), Map.of(), cache));
                    hostNote = null;
                } catch (IllegalArgumentException | UncheckedIOException unusable) {
                    hostNote = Profiles.HOST + ": this machine's CPU: its latest measurement table is unusable ("
                            + SettingException.message(unusable, PlaceFlags.WORDING) + "); run `place measure --model M` again";
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.print(json(loaded));
        } else {
            loaded.forEach(p -> table(p, out));
            if (hostNote != null) {
                out.println(hostNote);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String json(List<Platform> loaded) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", 1);
        ArrayNode list = root.putArray("platforms");
        for (Platform p : loaded) {
            ObjectNode o = list.addObject();
            o.put("name", p.name());
            o.put("profileHash", p.profileHash());
            o.set("profile", Profiles.toJson(p));
        }
        try {
            return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write platforms as JSON", e);
        }
    }

    private static void table(Platform p, PrintWriter out) {
        out.println(p.name() + ": " + p.description());
        out.printf(Locale.ROOT, "  %-6s %-4s %-28s %s%n", "device", "kind", "precisions", "parameters");
        for (Device d : p.devices()) {
            String precisions = d.precisions().stream().map(Precision::id).collect(Collectors.joining(","));
            out.printf(Locale.ROOT, "  %-6s %-4s %-28s %s%n", d.id(), d.kind().name().toLowerCase(Locale.ROOT),
                    precisions, d.name() + "; " + parameters(d));
        }
        for (Link l : p.links()) {
            out.printf(Locale.ROOT, "  link %s->%s: %s us + bytes / %s GB/s%n", l.from(), l.to(), num(l.latencyUs()),
                    num(l.bandwidthGBps()));
        }
        out.println("  profile hash " + p.profileHash().substring(0, 16));
        out.println();
    }

    private static String parameters(Device d) {
        List<String> parts = new ArrayList<>();
        switch (d.kind()) {
            case CPU -> {
                CpuParams c = d.cpu();
                parts.add(c.isa());
                parts.add(c.cores() + " cores");
                parts.add("threads " + c.threads());
                if (c.hasAnalyticalParams()) {
                    parts.add(num(c.clockMHz()) + " MHz");
                    parts.add(c.simdBits() + "-bit SIMD");
                    parts.add("DRAM " + num(c.dramGBps()) + " GB/s");
                }
                if (c.isCalibrated()) {
                    parts.add("calibrated from " + c.calibration());
                }
            }
            case VTA -> {
                VtaConfig v = d.vta();
                parts.add("BATCH x BLOCK_IN x BLOCK_OUT " + v.batch() + "x" + v.blockIn() + "x" + v.blockOut());
                parts.add(num(v.clockMHz()) + " MHz");
                parts.add(v.memoryPortBits() + "-bit port");
                parts.add(v.design());
                parts.add(String.format(Locale.ROOT, "buffers inp %d KiB, wgt %d KiB, acc %d KiB, uop %d KiB",
                        (1 << v.logInpBuffSize()) / 1024, (1 << v.logWgtBuffSize()) / 1024,
                        (1 << v.logAccBuffSize()) / 1024, (1 << v.logUopBuffSize()) / 1024));
            }
            case GPU -> {
                GpuParams g = d.gpu();
                parts.add("peak " + g.peakTeraMacs().entrySet().stream()
                        .map(e -> e.getKey().id() + " " + num(e.getValue()))
                        .collect(Collectors.joining(", ")) + " TMAC/s");
                parts.add("memory " + num(g.memoryGBps()) + " GB/s");
                parts.add("launch " + num(g.launchOverheadUs()) + " us");
                parts.add(g.multiprocessors() + " multiprocessors");
                if (!g.calibration().isEmpty()) {
                    parts.add("calibrated from " + g.calibration());
                }
            }
        }
        String ops = d.ops().contains("*") ? "all ops" : "ops " + d.ops().stream().sorted()
                .map(op -> op + (d.opRestrictions().containsKey(op) ? d.opRestrictions().get(op).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "(", ")")) : ""))
                .collect(Collectors.joining(" "));
        parts.add(ops);
        if (d.memoryBytes() > 0) {
            parts.add("memory " + bytes(d.memoryBytes()));
        }
        return String.join(", ", parts);
    }

    /** Bytes in the largest binary or decimal unit that divides them. */
    private static String bytes(long b) {
        if (b % (1L << 30) == 0) {
            return b / (1L << 30) + " GiB";
        }
        if (b % (1L << 20) == 0) {
            return b / (1L << 20) + " MiB";
        }
        if (b % 1_000_000_000L == 0) {
            return b / 1_000_000_000L + " GB";
        }
        return b + " bytes";
    }

    /** A number without trailing zeros, independent of the default locale. */
    private static String num(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
