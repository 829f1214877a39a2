package dev.hetplace.experiments.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A results row as one CSV line with fixed columns (RFC 4180 quoting): the run, its status and error, the plan's
 * figures, baselines as {@code name=speedup} pairs, and provenance. Times in ns, shares as fractions.
 */
public final class ResultCsv {
    private record Column(String name, Function<RunRow, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("hash", RunRow::hash),
            new Column("index", RunRow::index),
            new Column("model", r -> r.run().model()),
            new Column("platform", r -> r.run().platform()),
            new Column("targets", r -> r.run().targets() == null ? "" : String.join(",", r.run().targets())),
            new Column("overrides", r -> r.run().overridesText()),
            new Column("objective", r -> r.run().objective()),
            new Column("minSqnrDb", r -> r.run().minSqnrDb()),
            new Column("tvmCompatible", r -> r.run().tvmCompatible()),
            new Column("solver", r -> r.run().solver()),
            new Column("seed", r -> r.run().seed()),
            new Column("batch", r -> r.run().batch()),
            new Column("precisions", r -> String.join(",", r.run().precisions())),
            new Column("gpuTiming", r -> r.run().gpuTiming()),
            new Column("status", r -> r.status().id()),
            new Column("error", RunRow::error),
            new Column("groups", o(Outcome::groups)),
            new Column("totalMacs", o(Outcome::totalMacs)),
            new Column("totalNs", o(Outcome::totalNs)),
            new Column("objectiveNs", o(Outcome::objectiveNs)),
            new Column("lowerBoundNs", o(Outcome::lowerBoundNs)),
            new Column("gap", o(Outcome::gap)),
            new Column("optimal", o(Outcome::optimal)),
            new Column("solverUsed", o(Outcome::solver)),
            new Column("boundMethod", o(Outcome::boundMethod)),
            new Column("predictedSqnrDb", o(Outcome::predictedSqnrDb)),
            new Column("noisePpb", o(Outcome::noisePpb)),
            new Column("acceleratorMacShare", o(Outcome::acceleratorMacShare)),
            new Column("offAcceleratorGroups", o(x -> String.join(" ", x.offAcceleratorGroups()))),
            new Column("offAcceleratorMacShare", o(Outcome::offAcceleratorMacShare)),
            new Column("higherPrecisionGroups", o(x -> String.join(" ", x.higherPrecisionGroups()))),
            new Column("placement", o(Outcome::placement)),
            new Column("baselineSpeedups", o(ResultCsv::speedups)),
            new Column("tableMs", o(Outcome::tableMs)),
            new Column("solveMs", o(Outcome::solveMs)),
            new Column("hetplaceVersion", r -> r.provenance().hetplaceVersion()),
            new Column("gitCommit", r -> r.provenance().gitCommit()),
            new Column("modelHash", r -> r.provenance().modelHash()),
            new Column("profileHash", r -> r.provenance().profileHash()),
            new Column("wallMs", r -> r.provenance().wallMs()));

    private ResultCsv() {
    }

    public static String header() {
        return String.join(",", COLUMNS.stream().map(Column::name).toList());
    }

    public static String line(RunRow row) {
        List<String> cells = new ArrayList<>();
        for (Column c : COLUMNS) {
            cells.add(quote(format(c.value().apply(row))));
        }
        return String.join(",", cells);
    }

    /** The hash (first cell) of a CSV line written by {@link #line}, or null for the header or a broken line. */
    public static String hashOf(String line) {
        int comma = line.indexOf(',');
        String h = comma < 0 ? line : line.substring(0, comma);
        return h.matches("[0-9a-f]{64}") ? h : null;
    }

    /** The status cell of a CSV line written by {@link #line}, or null when the line is broken. */
    public static String statusOf(String line) {
        List<String> cells = split(line);
        int i = COLUMNS.indexOf(COLUMNS.stream().filter(c -> c.name().equals("status")).findFirst().orElseThrow());
        return cells.size() == COLUMNS.size() ? cells.get(i) : null;
    }

    /** The cells of one CSV line (RFC 4180 quoting, no embedded newlines). */
    public static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static Function<RunRow, Object> o(Function<Outcome, Object> f) {
        return r -> r.outcome() == null ? null : f.apply(r.outcome());
    }

    private static String speedups(Outcome o) {
        StringBuilder sb = new StringBuilder();
        for (BaselineOutcome b : o.baselines()) {
            sb.append(sb.length() == 0 ? "" : ";").append(b.name()).append('=')
                    .append(b.applies() ? String.format(Locale.ROOT, "%.4f", b.speedup()) : "n/a");
        }
        return sb.toString();
    }

    private static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return Numbers.plain(d);
        }
        return v.toString();
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ') + '"';
    }
}
