package dev.hetplace.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.experiments.run.ResultFile;
import dev.hetplace.experiments.run.ResultStore;
import dev.hetplace.experiments.run.RunRow;
import dev.hetplace.experiments.run.Sweep;
import dev.hetplace.ir.files.AtomicWrite;
import dev.hetplace.planner.setting.Wording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code sweep report DIR}: reads DIR's results (one row per run) and the spec copy, and writes DIR/report.md:
 * a summary with provenance and speed, the sections the spec asks for ({@code first-layer}, {@code baselines},
 * {@code solver-quality}), a VTA design-space section when the runs vary VTA's configuration, the generic figures (placement map, latency splits, latency against the accuracy
 * budget, a heat map over the swept settings), failures, and every run in a table.
 */
public final class SweepReport {
    public static final String FILE = "report.md";

    private SweepReport() {
    }

    /**
     * Writes the report; {@code svg} false writes the figures as PNG only. {@code wording} is how the front end spells
     * the settings the prose and figure titles name.
     */
    public static Path write(Path dir, boolean svg, Wording wording) {
        Path jsonl = dir.resolve(ResultStore.JSONL);
        if (!ResultFile.exists(jsonl)) {
            throw new IllegalArgumentException(dir + ": no " + ResultStore.JSONL + " (not a sweep results directory)");
        }
        ResultFile.Loaded loaded = ResultFile.read(jsonl);
        List<RunRow> rows = new ArrayList<>(loaded.unique());
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(jsonl + ": no readable results to report on");
        }
        rows.sort(Comparator.comparingInt(RunRow::index));
        JsonNode spec = readSpec(dir);
        String name = spec.path("name").asText(dir.getFileName() == null ? "sweep" : dir.getFileName().toString());
        ReportContext ctx = new ReportContext(dir, rows, svg, wording);
        ctx.line("# Sweep report: " + name).line("");
        if (!spec.path("description").asText("").isEmpty()) {
            ctx.line(spec.path("description").asText()).line("");
        }
        GenericSections.summary(ctx, dir, loaded.dropped());
        for (JsonNode section : spec.path("report")) {
            switch (section.asText()) {
                case "first-layer" -> FirstLayerSection.write(ctx);
                case "baselines" -> BaselinesSection.write(ctx);
                case "solver-quality" -> SolverQualitySection.write(ctx);
                default -> ctx.line("(unknown report section " + section.asText() + ")");
            }
        }
        if (VtaDesignSection.applies(rows)) {
            VtaDesignSection.write(ctx);
        }
        GenericSections.figures(ctx);
        GenericSections.failures(ctx);
        GenericSections.allRuns(ctx);
        Path out = dir.resolve(FILE);
        AtomicWrite.write(out, ctx.markdown());
        return out;
    }

    private static JsonNode readSpec(Path dir) {
        Path p = dir.resolve(Sweep.SPEC_COPY);
        try {
            if (Files.isRegularFile(p)) {
                JsonNode n = new ObjectMapper().readTree(Files.readString(p));
                if (n != null && n.isObject()) {
                    return n;
                }
            }
        } catch (IOException ignored) {
            // a report without the spec copy still has the results; sections default to the generic ones
        }
        return new ObjectMapper().createObjectNode();
    }
}
