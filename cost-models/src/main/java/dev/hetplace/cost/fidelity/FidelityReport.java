package dev.hetplace.cost.fidelity;

import dev.hetplace.cost.calibration.FidelityRow;
import dev.hetplace.cost.calibration.LeaveOneShapeOut;
import dev.hetplace.cost.context.InContextSummary;
import dev.hetplace.cost.context.WholeModelCheck;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.models.DeviceCostModels;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Platform;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well a calibrated platform's cost models predict its measurements: leave-one-shape-out per device, precision,
 * batch, threads and timing, and whole models against end_to_end.csv.
 */
public record FidelityReport(String platform, List<FidelityRow> shapes, List<WholeModelCheck.Row> wholeModels,
                             List<String> corrections) {
    public FidelityReport {
        shapes = List.copyOf(shapes);
        wholeModels = List.copyOf(wholeModels);
        corrections = List.copyOf(corrections);
    }

    /** Runs both checks. */
    public static FidelityReport of(Platform platform) {
        DeviceCostModels models = new DeviceCostModels(GpuTiming.EAGER, null);
        List<FidelityRow> rows = new ArrayList<>();
        boolean calibrated = false;
        for (Device d : platform.devices()) {
            if (d.kind() == DeviceKind.CPU && d.cpu().isCalibrated()) {
                rows.addAll(LeaveOneShapeOut.run(d.id(), models.cpu().calibrated(d.cpu().calibration())
                        .kernels()));
                calibrated = true;
            } else if (d.kind() == DeviceKind.GPU && !d.gpu().calibration().isEmpty()) {
                rows.addAll(LeaveOneShapeOut.run(d.id(), models.gpu().table(d.gpu())));
            }
        }
        if (!calibrated) {
            throw new IllegalArgumentException("platform " + platform.name()
                    + " has no CPU calibrated against a measurement table: nothing to check (try x86-h200)");
        }
        return new FidelityReport(platform.name(), rows, WholeModelCheck.run(platform),
                InContextSummary.lines(platform, models.cpu(), models.gpu()));
    }

    /** The leave-one-shape-out section alone. */
    public void printShapes(PrintWriter out) {
        out.println("Leave-one-shape-out fidelity on " + platform + " (each distinct measured shape predicted by the"
                + " model fitted without it)");
        out.println("dev  precision  batch thr timing shapes median    p90       range  spearman");
        for (FidelityRow r : shapes) {
            out.println(r.format());
        }
        long met = shapes.stream().filter(r -> r.medianError() <= FidelityRow.MEDIAN_TARGET).count();
        long computed = shapes.stream().filter(FidelityRow::spearmanComputed).count();
        long rankMet = shapes.stream().filter(r -> r.spearmanComputed() && r.spearman() >= FidelityRow.SPEARMAN_TARGET)
                .count();
        out.println(String.format(Locale.ROOT, "median error <= %.0f%%: %d of %d slices; Spearman >= %.1f: %d of %d"
                        + " slices where the measured range exceeds %.0fx", FidelityRow.MEDIAN_TARGET * 100, met,
                shapes.size(), FidelityRow.SPEARMAN_TARGET, rankMet, computed, FidelityRow.SPEARMAN_MIN_RANGE));
    }

    /** Both sections and the corrections. */
    public void print(PrintWriter out) {
        printShapes(out);
        out.println();
        out.println("Whole models against end_to_end.csv: each row's plan priced as the sum of its isolated layer"
                + " prices, in-model (corrections fitted to all rows) and leave-one-row-out (fitted without the row)");
        out.println("model     dev  precision             batch thr timing  measured_us isolated_us   error"
                + "  in-model_us   error   loo_us      error");
        for (WholeModelCheck.Row r : wholeModels) {
            out.println(r.format());
        }
        List<Double> in = wholeModels.stream().map(WholeModelCheck.Row::error).toList();
        List<Double> loo = wholeModels.stream().map(WholeModelCheck.Row::leaveOneOutError).toList();
        List<Double> iso = wholeModels.stream().map(WholeModelCheck.Row::isolatedError).toList();
        out.println(String.format(Locale.ROOT, "target: every row within %.0f%%, median <= %.0f%%", 100
                * WholeModelCheck.ROW_TARGET, 100 * WholeModelCheck.MEDIAN_TARGET));
        out.println(summary("isolated", iso));
        out.println(summary("in-model", in));
        out.println(summary("leave-one-row-out", loo));
        out.println();
        for (String line : corrections) {
            out.println(line);
        }
    }

    /** One line: the median and worst |error| of {@code errors} and how many rows meet the whole-model target. */
    public static String summary(String what, List<Double> errors) {
        long within = errors.stream().filter(e -> Math.abs(e) <= WholeModelCheck.ROW_TARGET).count();
        double worst = errors.stream().mapToDouble(Math::abs).max().orElse(0);
        double median = WholeModelCheck.medianAbs(errors);
        return String.format(Locale.ROOT, "  %-18s median |error| %5.1f%%, worst %5.1f%%, %d of %d rows within %.0f%%"
                        + " (%s)", what, 100 * median, 100 * worst, within, errors.size(), 100 * WholeModelCheck.ROW_TARGET,
                within == errors.size() && median <= WholeModelCheck.MEDIAN_TARGET ? "met" : "NOT met");
    }
}
