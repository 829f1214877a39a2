package dev.hetplace.cost.context;

import dev.hetplace.backends.measure.CalibrationTables;
import dev.hetplace.backends.measure.EndToEndMeasurement;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.cost.calibration.Median;
import dev.hetplace.cost.cpu.CpuCostModel;
import dev.hetplace.cost.cpu.CpuInContext;
import dev.hetplace.cost.gpu.GpuCostModel;
import dev.hetplace.cost.gpu.GpuDispatch;
import dev.hetplace.cost.gpu.GpuInContext;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Platform;
import dev.hetplace.ir.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every whole-model row of a platform's end_to_end.csv predicted as the plan it measured: in isolation (the sum
 * of the isolated layer prices), in-model (with the corrections fitted to all rows) and leave-one-row-out (with
 * the corrections fitted without the row predicted).
 */
public final class WholeModelCheck {
    /** Every row within this relative error. */
    public static final double ROW_TARGET = 0.15;
    /** The median row within this. */
    public static final double MEDIAN_TARGET = 0.08;

    private WholeModelCheck() {
    }

    /** One compared row; errors are (predicted - measured) / measured. */
    public record Row(String model, String device, String precision, int batch, int threads, String timing,
                      double measuredUs, double isolatedUs, double predictedUs, double leaveOneOutUs) {
        public double error() {
            return predictedUs / measuredUs - 1;
        }

        public double isolatedError() {
            return isolatedUs / measuredUs - 1;
        }

        public double leaveOneOutError() {
            return leaveOneOutUs / measuredUs - 1;
        }

        public String format() {
            return String.format(Locale.ROOT, "%-9s %-4s %-21s b%-3d %-3s %-6s %10.1f %10.1f %+7.1f%% %10.1f %+7.1f%%"
                            + " %10.1f %+7.1f%%  %s", model, device, precision, batch,
                    threads > 0 ? "t" + threads : "-", timing, measuredUs, isolatedUs, 100 * isolatedError(),
                    predictedUs, 100 * error(), leaveOneOutUs, 100 * leaveOneOutError(),
                    Math.abs(error()) <= ROW_TARGET ? "ok" : "MISSED");
        }
    }

    /** The platform's rows: its calibrated CPU's and, when it has one, its calibrated GPU's. */
    public static List<Row> run(Platform platform) {
        List<Row> rows = new ArrayList<>();
        Optional<Device> cpu = platform.devices().stream()
                .filter(d -> d.kind() == DeviceKind.CPU && d.cpu().isCalibrated()).findFirst();
        Optional<Device> gpu = platform.devices().stream()
                .filter(d -> d.kind() == DeviceKind.GPU && d.gpu().calibration() != null
                        && !d.gpu().calibration().isEmpty()).findFirst();
        if (cpu.isPresent() && CalibrationTables.hasEndToEnd(cpu.get().cpu().calibration())) {
            CpuCostModel model = new CpuCostModel(InContextFit::cpu);
            rows.addAll(cpuRows(InContextFit.cpuRuns(cpu.get(), model), file(cpu.get().cpu().calibration())));
        }
        if (gpu.isPresent() && CalibrationTables.hasEndToEnd(gpu.get().gpu().calibration())) {
            Device d = gpu.get();
            GpuCostModel model = new GpuCostModel(GpuTiming.GRAPH, InContextFit::gpu);
            String file = file(d.gpu().calibration());
            List<InContextFit.GpuRun> runs = InContextFit.gpuRuns(d, model);
            GpuDispatch measured = GpuDispatch.measured(model.table(d.gpu()), d.gpu().launchOverheadUs());
            double sync = GpuInContext.syncUs(d.gpu());
            GpuInContext all = InContextFit.fitGpu(runs, measured, sync, file);
            for (int i = 0; i < runs.size(); i++) {
                List<InContextFit.GpuRun> others = new ArrayList<>(runs);
                InContextFit.GpuRun r = others.remove(i);
                GpuInContext loo = InContextFit.fitGpu(others, measured, sync, file);
                rows.add(row(r.row(), "gpu", isolatedGpuUs(d, r), InContextFit.predictNs(all, r) / 1000.0,
                        InContextFit.predictNs(loo, r) / 1000.0));
            }
        }
        return rows;
    }

    /**
     * CPU runs compared with their rows: as priced (groups + casts), with the in-model factor fitted to all runs and
     * fitted without the run ({@code source}: what the fit names as its data).
     */
    public static List<Row> cpuRows(List<InContextFit.CpuRun> runs, String source) {
        List<Row> rows = new ArrayList<>();
        CpuInContext all = InContextFit.fitCpu(runs, source);
        for (int i = 0; i < runs.size(); i++) {
            List<InContextFit.CpuRun> others = new ArrayList<>(runs);
            InContextFit.CpuRun r = others.remove(i);
            CpuInContext loo = InContextFit.fitCpu(others, source);
            rows.add(row(r.row(), "cpu", (r.groupsNs() + r.castsNs()) / 1000.0,
                    InContextFit.predictNs(all, r) / 1000.0, InContextFit.predictNs(loo, r) / 1000.0));
        }
        return rows;
    }

    private static String file(String calibration) {
        return CalibrationTables.endToEndName(calibration);
    }

    /** The old sum: each group at its isolated per-layer price under the row's timing. */
    private static double isolatedGpuUs(Device d, InContextFit.GpuRun r) {
        GpuCostModel model = new GpuCostModel(GpuTiming.parse(r.row().timing()), InContextFit::gpu);
        WholeModelRun run = WholeModelRun.of(r.row(), dev.hetplace.ir.source.ModelLoader.load(r.row().model()));
        long ns = 0;
        for (Group g : run.graph().groups()) {
            ns += model.isolatedCost(GroupWork.of(run.graph(), g), d.gpu(), r.precision(), r.row().batch(),
                    GpuTiming.parse(r.row().timing())).timeNs();
        }
        return ns / 1000.0;
    }

    private static Row row(EndToEndMeasurement m, String device, double isolatedUs,
                           double predictedUs, double looUs) {
        return new Row(m.model(), device, m.precision(), m.batch(), m.threads(), m.timing(), m.medianUs(),
                isolatedUs, predictedUs, looUs);
    }

    /** Median of the absolute values. */
    public static double medianAbs(List<Double> errors) {
        return errors.isEmpty() ? 0 : Median.of(errors.stream().map(Math::abs).toList());
    }
}
