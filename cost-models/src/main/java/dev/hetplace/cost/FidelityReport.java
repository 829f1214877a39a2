package dev.hetplace.cost;

import dev.hetplace.cost.calibration.FidelityRow;
import dev.hetplace.cost.calibration.LeaveOneShapeOut;
import dev.hetplace.cost.cpu.CpuCostModel;
import dev.hetplace.cost.gpu.GpuCostModel;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Platform;
import dev.hetplace.ir.GroupedGraph;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well a calibrated platform's cost models predict its measurements: leave-one-shape-out per device, precision,
 * batch, threads and timing, and whole models against end_to_end.csv.
 */
public record FidelityReport(String platform, List<FidelityRow> shapes, List<EndToEndCheck.Row> wholeModels) {
    public FidelityReport {
        shapes = List.copyOf(shapes);
        wholeModels = List.copyOf(wholeModels);
    }

    /** Runs both checks; {@code model} (ResNet-18, grouped) is the whole model end_to_end.csv measured. */
    public static FidelityReport of(Platform platform, GroupedGraph model) {
        List<FidelityRow> rows = new ArrayList<>();
        boolean calibrated = false;
        for (Device d : platform.devices()) {
            if (d.kind() == DeviceKind.CPU && d.cpu().isCalibrated()) {
                rows.addAll(LeaveOneShapeOut.run(d.id(), new CpuCostModel().calibrated(d.cpu().calibration())
                        .kernels()));
                calibrated = true;
            } else if (d.kind() == DeviceKind.GPU && !d.gpu().calibration().isEmpty()) {
                rows.addAll(LeaveOneShapeOut.run(d.id(), new GpuCostModel().table(d.gpu())));
            }
        }
        if (!calibrated) {
            throw new IllegalArgumentException("platform " + platform.name()
                    + " has no CPU calibrated against a measurement table: nothing to check (try x86-h200)");
        }
        return new FidelityReport(platform.name(), rows, EndToEndCheck.run(model, platform));
    }

    public void print(PrintWriter out) {
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
        out.println();
        out.println("Whole model (sum of groups and casts) against end_to_end.csv, target within "
                + Math.round(EndToEndCheck.TARGET * 100) + "%");
        out.println("model     dev  precision             batch thr timing  measured_us predicted_us error");
        for (EndToEndCheck.Row r : wholeModels) {
            out.println(r.format());
        }
    }
}
