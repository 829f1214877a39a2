package dev.hetplace.experiments.report;

import dev.hetplace.experiments.plot.Plots;
import dev.hetplace.experiments.run.RunRow;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.Wording;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * What a report section reads (the directory's rows, one per run, in spec order, and the front end's wording of the
 * settings it names) and writes (Markdown, figures).
 */
final class ReportContext {
    static final String FIGURES = "figures";

    private final Path dir;
    private final List<RunRow> rows;
    private final boolean svg;
    private final Wording wording;
    private final StringBuilder md = new StringBuilder();

    ReportContext(Path dir, List<RunRow> rows, boolean svg, Wording wording) {
        this.dir = dir;
        this.rows = List.copyOf(rows);
        this.svg = svg;
        this.wording = wording;
    }

    /** How the report names a setting (a flag to type). */
    String name(Setting s) {
        return wording.name(s);
    }

    List<RunRow> rows() {
        return rows;
    }

    List<RunRow> ok() {
        return rows.stream().filter(RunRow::ok).toList();
    }

    ReportContext text(String s) {
        md.append(s);
        return this;
    }

    ReportContext line(String s) {
        md.append(s).append('\n');
        return this;
    }

    ReportContext table(MarkdownTable t) {
        md.append('\n').append(t.render()).append('\n');
        return this;
    }

    /** Saves the chart as PNG (and SVG) under {@code figures/} and links the PNG (and the SVG beside it). */
    ReportContext figure(Chart<?, ?> chart, String name, String caption) {
        Plots.save(chart, dir.resolve(FIGURES), name, svg);
        md.append("\n![").append(caption).append("](").append(FIGURES).append('/').append(name).append(".png)\n\n")
                .append('*').append(caption).append('*');
        if (svg) {
            md.append(" ([SVG](").append(FIGURES).append('/').append(name).append(".svg))");
        }
        md.append("\n\n");
        return this;
    }

    String markdown() {
        return md.toString();
    }
}
