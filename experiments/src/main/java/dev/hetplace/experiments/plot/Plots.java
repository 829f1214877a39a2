package dev.hetplace.experiments.plot;

import dev.hetplace.experiments.run.LatencySplit;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sweep's charts (XChart, headless): a placement map (plans x groups, one colour per device and precision),
 * a plan's latency split against its baselines (stacked bars), latency against the accuracy budget (one line per
 * model and platform: the Pareto front of budget and latency), and heat maps of a metric over two sweep axes.
 * {@link #save} writes PNG and SVG.
 */
public final class Plots {
    private static final Color[] SPLIT_COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
            new Color(0xC44E52)};

    private Plots() {
    }

    /**
     * Rows are plans (labelled), columns their groups in order; each cell's colour says the group's choice
     * ({@code device:precision[:blocked]}). Rows may have different lengths; only the first {@code maxGroups}
     * groups are drawn.
     */
    public static XYChart placementMap(String title, List<String> rowLabels, List<List<String>> rows, int maxGroups) {
        int groups = rows.stream().mapToInt(r -> Math.min(maxGroups, r.size())).max().orElse(0);
        int label = rowLabels.stream().mapToInt(String::length).max().orElse(0);
        int cell = groups > 60 ? 10 : 18;
        int width = Math.min(2400, 8 * label + groups * cell + 320);
        int height = Math.min(2400, 130 + rows.size() * 22);
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("group (in order)")
                .yAxisTitle("").build();
        Map<String, List<double[]>> byChoice = new LinkedHashMap<>();
        for (int y = 0; y < rows.size(); y++) {
            List<String> r = rows.get(y);
            for (int x = 0; x < Math.min(maxGroups, r.size()); x++) {
                byChoice.computeIfAbsent(r.get(x), k -> new ArrayList<>()).add(new double[]{x, rows.size() - 1 - y});
            }
        }
        List<String> order = new ArrayList<>(byChoice.keySet());
        order.sort(ChoiceColors::compare);
        for (String choice : order) {
            List<double[]> pts = byChoice.get(choice);
            double[] xs = pts.stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = pts.stream().mapToDouble(p -> p[1]).toArray();
            XYSeries s = chart.addSeries(choice, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.SQUARE);
            s.setMarkerColor(ChoiceColors.of(choice));
        }
        var st = chart.getStyler();
        st.setMarkerSize(Math.min(cell, 22) - 4);
        st.setPlotGridLinesVisible(false);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setXAxisMin(-0.5);
        st.setXAxisMax(groups - 0.5);
        st.setYAxisMin(-0.5);
        st.setYAxisMax(rows.size() - 0.5);
        st.setYAxisTickMarkSpacingHint(8);
        st.setXAxisTickMarkSpacingHint(40);
        st.setyAxisTickLabelsFormattingFunction(v -> integerLabel(v, rows.size(), i -> rowLabels.get(rows.size() - 1 - i)));
        st.setxAxisTickLabelsFormattingFunction(v -> integerLabel(v, groups, i -> Integer.toString(i)));
        return chart;
    }

    /** A stacked bar per plan: group compute, transfers, casts and layout changes, in milliseconds. */
    public static CategoryChart latencyBreakdown(String title, List<String> plans, List<LatencySplit> splits) {
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(640, 140 + plans.size() * 110)).height(420)
                .title(title).yAxisTitle("latency (ms)").build();
        String[] parts = {"groups", "transfers", "casts", "layout changes"};
        for (int p = 0; p < parts.length; p++) {
            List<Double> ms = new ArrayList<>();
            for (LatencySplit s : splits) {
                long ns = switch (p) {
                    case 0 -> s.groupNs();
                    case 1 -> s.transferNs();
                    case 2 -> s.castNs();
                    default -> s.layoutNs();
                };
                ms.add(ns / 1e6);
            }
            CategorySeries series = chart.addSeries(parts[p], plans, ms);
            series.setFillColor(SPLIT_COLORS[p]);
        }
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(plans.size() > 5 ? 30 : 0);
        return chart;
    }

    /** Grouped bars: one series per name in {@code values}, one bar per category. */
    public static CategoryChart bars(String title, String yTitle, List<String> categories,
                                     Map<String, List<Double>> values) {
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(720, 160 + categories.size() * 120))
                .height(440).title(title).yAxisTitle(yTitle).build();
        values.forEach((name, v) -> chart.addSeries(name, categories, v));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 5 ? 30 : 0);
        return chart;
    }

    /**
     * Objective (ms) against the minimum SQNR budget (dB), one line per series; each line is the Pareto front of
     * budget and latency for that model and platform (a tighter budget never buys a faster plan).
     */
    public static XYChart paretoFront(String title, String budgetAxis, Map<String, List<double[]>> series) {
        XYChart chart = new XYChartBuilder().width(820).height(480).title(title).xAxisTitle(budgetAxis)
                .yAxisTitle("latency (ms)").build();
        series.forEach((name, pts) -> {
            List<double[]> sorted = new ArrayList<>(pts);
            sorted.sort((a, b) -> Double.compare(a[0], b[0]));
            XYSeries s = chart.addSeries(name, sorted.stream().mapToDouble(p -> p[0]).toArray(),
                    sorted.stream().mapToDouble(p -> p[1]).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
        });
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisLogarithmic(false);
        return chart;
    }

    /**
     * Points {@code {x, y}} per series drawn as a Pareto front: sorted by x, each point kept only when its y is
     * below every y at a smaller or equal x, joined as a staircase.
     */
    public static XYChart costFronts(String title, String xTitle, String yTitle, Map<String, List<double[]>> series) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        series.forEach((name, pts) -> {
            List<double[]> front = front(pts);
            List<double[]> steps = new ArrayList<>();
            for (int i = 0; i < front.size(); i++) {
                if (i > 0) {
                    steps.add(new double[]{front.get(i)[0], front.get(i - 1)[1]});
                }
                steps.add(front.get(i));
            }
            XYSeries s = chart.addSeries(name, steps.stream().mapToDouble(p -> p[0]).toArray(),
                    steps.stream().mapToDouble(p -> p[1]).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
        });
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        return chart;
    }

    /** The Pareto front of {@code {cost, value}} points, both minimised: ascending cost, strictly falling value. */
    public static List<double[]> front(List<double[]> points) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        List<double[]> front = new ArrayList<>();
        for (double[] p : sorted) {
            if (front.isEmpty() || p[1] < front.get(front.size() - 1)[1]) {
                front.add(p); // the first point of each cost is its lowest value, so costs never repeat
            }
        }
        return front;
    }

    /** Every point as a marker (no lines), one colour per series. */
    public static XYChart scatter(String title, String xTitle, String yTitle, Map<String, List<double[]>> series) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.forEach((name, pts) -> chart.addSeries(name, pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray()));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    /** {@code values[y][x]}; NaN cells are left empty. */
    public static HeatMapChart heatMap(String title, String xTitle, List<String> xs, String yTitle, List<String> ys,
                                       double[][] values, String valuePattern) {
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(560, 200 + xs.size() * 90))
                .height(Math.max(360, 140 + ys.size() * 40)).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        List<Number[]> data = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < ys.size(); y++) {
            for (int x = 0; x < xs.size(); x++) {
                double v = values[y][x];
                if (!Double.isNaN(v)) {
                    data.add(new Number[]{x, y, v});
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        chart.addSeries(title, xs, ys, data);
        var st = chart.getStyler();
        st.setShowValue(true);
        st.setHeatMapValueDecimalPattern(valuePattern);
        st.setRangeColors(new Color[]{new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
        st.setValueFontColor(Color.BLACK);
        if (data.isEmpty()) {
            min = 0;
            max = 1;
        }
        st.setMin(min);
        st.setMax(max > min ? max : min + 1e-9);
        st.setLegendVisible(false);
        return chart;
    }

    /** Writes {@code dir/name.png} and {@code dir/name.svg}; returns the PNG's path. */
    public static Path save(Chart<?, ?> chart, Path dir, String name) {
        return save(chart, dir, name, true);
    }

    /** Writes {@code dir/name.png}, and {@code dir/name.svg} when {@code svg}; returns the PNG's path. */
    public static Path save(Chart<?, ?> chart, Path dir, String name, boolean svg) {
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(dir);
            Path base = dir.resolve(name);
            BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
            if (svg) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(),
                        VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            }
            return dir.resolve(name + ".png");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The label of a category axis drawn on a numeric one: the category's name at integer ticks, elsewhere an
     * invisible label (zero-width spaces, a different count per tick, since XChart thins out ticks until every
     * label is distinct).
     */
    private static String integerLabel(double v, int n, java.util.function.IntFunction<String> label) {
        long r = Math.round(v);
        if (Math.abs(v - r) > 1e-6 || r < 0 || r >= n) {
            return "\u200B".repeat((int) Math.max(1, Math.round(v * 20) + 41));
        }
        return label.apply((int) r);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
