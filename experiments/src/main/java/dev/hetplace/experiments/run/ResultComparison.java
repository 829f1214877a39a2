package dev.hetplace.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether two results sets found the same plans: run by run (matched by hash), the status, the error and the whole
 * outcome (objective, bound, split, SQNR, baselines, every group's choice) agree; timings ({@code tableMs},
 * {@code solveMs}, wall time) and provenance are not compared. Used to show that a sharded sweep merged equals the
 * same runs unsharded.
 */
public final class ResultComparison {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One run that differs: its hash and index, and the first field that differs with both values. */
    public record Difference(String hash, int index, String field, String left, String right) {
    }

    /** Runs in both, those that differ (all of them), runs only in the left set and only in the right. */
    public record Result(int common, List<Difference> differences, int onlyLeft, int onlyRight) {
        public Result {
            differences = List.copyOf(differences);
        }
    }

    private ResultComparison() {
    }

    public static Result compare(List<RunRow> left, List<RunRow> right) {
        Map<String, RunRow> l = byHash(left);
        Map<String, RunRow> r = byHash(right);
        List<Difference> diffs = new ArrayList<>();
        int common = 0;
        for (Map.Entry<String, RunRow> e : l.entrySet()) {
            RunRow b = r.get(e.getKey());
            if (b == null) {
                continue;
            }
            common++;
            Difference d = difference(e.getValue(), b);
            if (d != null) {
                diffs.add(d);
            }
        }
        return new Result(common, diffs, l.size() - common, r.size() - common);
    }

    private static Map<String, RunRow> byHash(List<RunRow> rows) {
        Map<String, RunRow> m = new LinkedHashMap<>();
        for (RunRow row : new ResultFile.Loaded(rows).unique()) {
            m.put(row.hash(), row);
        }
        return m;
    }

    private static Difference difference(RunRow a, RunRow b) {
        if (a.status() != b.status()) {
            return new Difference(a.hash(), a.index(), "status", a.status().id(), b.status().id());
        }
        if (!Objects.equals(a.error(), b.error())) {
            return new Difference(a.hash(), a.index(), "error", a.error(), b.error());
        }
        JsonNode x = outcome(a);
        JsonNode y = outcome(b);
        if (x.equals(y)) {
            return null;
        }
        for (var it = x.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!x.get(f).equals(y.get(f))) {
                return new Difference(a.hash(), a.index(), "outcome." + f, x.get(f).toString(),
                        String.valueOf(y.get(f)));
            }
        }
        return new Difference(a.hash(), a.index(), "outcome", x.toString(), y.toString());
    }

    private static JsonNode outcome(RunRow r) {
        if (r.outcome() == null) {
            return MAPPER.nullNode();
        }
        ObjectNode n = MAPPER.valueToTree(r.outcome());
        n.remove(List.of("tableMs", "solveMs"));
        return n;
    }
}
