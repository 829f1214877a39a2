package dev.hetplace.experiments.report;

import dev.hetplace.experiments.run.RunRow;
import dev.hetplace.experiments.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Short names for runs and their settings in tables and figures. */
final class Labels {
    private Labels() {
    }

    /**
     * The hardware a run used: platform, overrides without the {@code devices.} prefix (equal VTA logBlockIn and
     * logBlockOut shown as {@code BLOCK=2^n}), and its targets when the spec restricted them.
     */
    static String hardware(RunSpec r) {
        List<String> parts = new ArrayList<>();
        parts.add(r.platform());
        String overrides = overrides(r.overrides());
        if (!overrides.isEmpty()) {
            parts.add(overrides);
        }
        if (r.targets() != null) {
            parts.add("[" + String.join(",", r.targets()) + "]");
        }
        if (r.batch() != 1) {
            parts.add("batch " + r.batch());
        }
        if (!r.precisions().isEmpty()) {
            parts.add("{" + String.join(",", r.precisions()) + "}");
        }
        if (!r.gpuTiming().equals("eager")) {
            parts.add(r.gpuTiming());
        }
        return String.join(" ", parts);
    }

    static String overrides(Map<String, String> o) {
        Map<String, String> rest = new TreeMap<>(o);
        List<String> parts = new ArrayList<>();
        String in = rest.get("devices.vta.logBlockIn");
        if (in != null && in.equals(rest.get("devices.vta.logBlockOut"))) {
            parts.add("BLOCK=" + block(in));
            rest.remove("devices.vta.logBlockIn");
            rest.remove("devices.vta.logBlockOut");
        }
        rest.forEach((k, v) -> parts.add((k.startsWith("devices.") ? k.substring(8) : k) + "=" + v));
        return String.join(" ", parts);
    }

    /** A swept override dimension's name: {@code BLOCK} for logBlockIn and logBlockOut together, else the paths. */
    static String dimension(List<String> paths) {
        List<String> rest = new ArrayList<>(paths);
        List<String> parts = new ArrayList<>();
        if (rest.contains("devices.vta.logBlockIn") && rest.contains("devices.vta.logBlockOut")) {
            rest.remove("devices.vta.logBlockIn");
            rest.remove("devices.vta.logBlockOut");
            parts.add("BLOCK");
        }
        rest.forEach(p -> parts.add(p.startsWith("devices.") ? p.substring(8) : p));
        return String.join(" + ", parts);
    }

    static String block(String log) {
        try {
            return Integer.toString(1 << Integer.parseInt(log.trim()));
        } catch (NumberFormatException e) {
            return "2^" + log;
        }
    }

    /** Everything but the model: hardware, objective, budget, TVM compatibility, solver and seed. */
    static String settings(RunSpec r) {
        List<String> parts = new ArrayList<>();
        parts.add(hardware(r));
        if (!r.objective().equals("latency")) {
            parts.add(r.objective());
        }
        if (r.minSqnrDb() != null) {
            parts.add(">=" + dev.hetplace.experiments.run.Numbers.plain(r.minSqnrDb()) + " dB");
        }
        if (r.tvmCompatible()) {
            parts.add("tvm-compatible");
        }
        if (!r.solver().equals("auto")) {
            parts.add(r.solver());
        }
        if (r.seed() != 0) {
            parts.add("seed " + r.seed());
        }
        return String.join(" ", parts);
    }

    static String shortHash(RunRow r) {
        return r.hash().substring(0, 10);
    }

    /** The first {@code max} names, then {@code +k more}; a dash for none. */
    static String names(List<String> names, int max) {
        if (names.isEmpty()) {
            return "-";
        }
        if (names.size() <= max) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, max)) + " +" + (names.size() - max) + " more";
    }
}
