package dev.hetplace.cost.context;

import dev.hetplace.cost.CpuThreads;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.cost.WholeModelEstimate;
import dev.hetplace.backends.measure.CalibrationTables;
import dev.hetplace.backends.measure.EndToEndMeasurement;
import dev.hetplace.cost.cpu.CalibratedCpuModel;
import dev.hetplace.cost.cpu.CpuCostModel;
import dev.hetplace.cost.cpu.CpuInContext;
import dev.hetplace.cost.crossing.AnalyticalCrossingModel;
import dev.hetplace.cost.gpu.GpuCostModel;
import dev.hetplace.cost.gpu.GpuDispatch;
import dev.hetplace.cost.gpu.GpuInContext;
import dev.hetplace.cost.gpu.GpuKernel;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.GpuParams;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits the in-model corrections to the whole-model rows of the {@code end_to_end.csv} next to a device's
 * measurement table: the rows of the device are checked ({@link EndToEndRowCheck}), each is priced as its plan
 * runs in isolation ({@link CpuRun}, {@link GpuRun}), and the correction's few parameters are fitted by relative
 * least squares over them. The fits take the runs as arguments so that a row can be left out.
 */
public final class InContextFit {
    /** Grid step of the element-wise dispatch ratio's search. */
    static final double RATIO_STEP = 0.001;
    static final double RATIO_MAX = 3.0;

    private InContextFit() {
    }

    /** A CPU row priced in isolation: its groups and its casts (the correction scales the groups). */
    public record CpuRun(EndToEndMeasurement row, long groupsNs, long castsNs) {
    }

    /** A GPU row's kernels priced in isolation under CUDA graphs. */
    public record GpuRun(EndToEndMeasurement row, Precision precision, List<GpuKernel> kernels) {
    }

    public static CpuInContext cpu(Device cpu, CpuCostModel model) {
        String file = CalibrationTables.endToEndName(cpu.cpu().calibration());
        if (!CalibrationTables.hasEndToEnd(cpu.cpu().calibration())) {
            return CpuInContext.none("no " + file);
        }
        List<CpuRun> runs = cpuRuns(cpu, model);
        return runs.isEmpty() ? CpuInContext.none("no cpu rows in " + file) : fitCpu(runs, file);
    }

    public static GpuInContext gpu(Device gpu, GpuCostModel model) {
        GpuParams g = gpu.gpu();
        GpuDispatch measured = GpuDispatch.measured(model.table(g), g.launchOverheadUs());
        String file = CalibrationTables.endToEndName(g.calibration());
        if (!CalibrationTables.hasEndToEnd(g.calibration())) {
            return new GpuInContext("no " + file, Map.of(), measured, GpuInContext.syncUs(g));
        }
        return fitGpu(gpuRuns(gpu, model), measured, GpuInContext.syncUs(g), file);
    }

    public static List<CpuRun> cpuRuns(Device cpu, CpuCostModel model) {
        List<EndToEndMeasurement> rows = CalibrationTables.endToEnd(cpu.cpu().calibration()).stream()
                .filter(r -> r.device().equals("cpu")).toList();
        Map<String, Graph> graphs = new HashMap<>();
        EndToEndRowCheck.check(rows, cpu, graphs);
        CalibratedCpuModel calibrated = model.calibrated(cpu.cpu().calibration());
        AnalyticalCrossingModel casts = new AnalyticalCrossingModel(model,
                new GpuCostModel(GpuTiming.EAGER, InContextFit::gpu));
        List<CpuRun> out = new ArrayList<>();
        for (EndToEndMeasurement r : rows) {
            if (r.threads() < 1) {
                throw new IllegalArgumentException(r.where() + ": a cpu row needs a thread count of at least 1");
            }
            WholeModelRun run = WholeModelRun.of(r, graphs.get(r.model()));
            Device d = CpuThreads.with(cpu, r.threads());
            long groups = 0;
            for (Group g : run.graph().groups()) {
                Precision p = run.plan().apply(g.id());
                groups += calibrated.cost(GroupWork.of(run.graph(), g), d.cpu(), p, r.batch()).orElseThrow(() ->
                        new IllegalArgumentException(r.where() + ": group " + g.name() + " has no " + p.id()
                                + " kernel on " + d.id())).timeNs();
            }
            out.add(new CpuRun(r, groups, WholeModelEstimate.castsNs(run.graph(), d, run.plan(), casts, r.batch())));
        }
        return out;
    }

    public static List<GpuRun> gpuRuns(Device gpu, GpuCostModel model) {
        List<EndToEndMeasurement> rows = CalibrationTables.endToEnd(gpu.gpu().calibration()).stream()
                .filter(r -> r.device().equals("cuda") || r.device().equals("gpu")).toList();
        Map<String, Graph> graphs = new HashMap<>();
        EndToEndRowCheck.check(rows, gpu, graphs);
        List<GpuRun> out = new ArrayList<>();
        for (EndToEndMeasurement r : rows) {
            try {
                GpuTiming.parse(r.timing());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(r.where() + ": " + e.getMessage());
            }
            WholeModelRun run = WholeModelRun.of(r, graphs.get(r.model()));
            List<GpuKernel> kernels = new ArrayList<>();
            for (Group g : run.graph().groups()) {
                kernels.addAll(model.kernels(GroupWork.of(run.graph(), g), gpu.gpu(), run.plan().apply(g.id()),
                        r.batch()));
            }
            out.add(new GpuRun(r, run.plan().apply(0), kernels));
        }
        return out;
    }

    /** One factor per thread count: minimises the squared relative errors of factor x groups + casts. */
    public static CpuInContext fitCpu(List<CpuRun> runs, String source) {
        Map<Integer, double[]> sums = new TreeMap<>();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (CpuRun r : runs) {
            double m = r.row().medianUs() * 1000;
            double g = r.groupsNs() / m;
            double c = r.castsNs() / m;
            double[] s = sums.computeIfAbsent(r.row().threads(), t -> new double[2]);
            s[0] += g * (1 - c);
            s[1] += g * g;
            counts.merge(r.row().threads(), 1, Integer::sum);
        }
        Map<Integer, Double> factors = new TreeMap<>();
        sums.forEach((t, s) -> factors.put(t, s[1] == 0 ? 1.0 : s[0] / s[1]));
        return new CpuInContext(source, factors, counts);
    }

    public static long predictNs(CpuInContext c, CpuRun r) {
        return Math.round(c.factor(r.row().threads()) * r.groupsNs()) + r.castsNs();
    }

    public static long predictNs(GpuInContext c, GpuRun r) {
        return c.ns(r.kernels(), r.precision(), GpuTiming.parse(r.row().timing()));
    }

    /**
     * A factor per precision from its graph rows; then the element-wise dispatch ratio that minimises the squared
     * relative errors of the eager rows (a grid search: the eager price is piecewise linear in the ratio).
     */
    public static GpuInContext fitGpu(List<GpuRun> runs, GpuDispatch measured, double syncUs, String source) {
        Map<Precision, double[]> sums = new TreeMap<>();
        for (GpuRun r : runs) {
            if (GpuTiming.parse(r.row().timing()) == GpuTiming.GRAPH) {
                double q = r.kernels().stream().mapToLong(GpuKernel::ns).sum() / (r.row().medianUs() * 1000);
                double[] s = sums.computeIfAbsent(r.precision(), p -> new double[2]);
                s[0] += q;
                s[1] += q * q;
            }
        }
        Map<Precision, Double> factors = new TreeMap<>();
        sums.forEach((p, s) -> factors.put(p, s[0] / s[1]));
        List<GpuRun> eager = runs.stream().filter(r -> GpuTiming.parse(r.row().timing()) == GpuTiming.EAGER).toList();
        GpuInContext unfitted = new GpuInContext(source, factors, measured, syncUs);
        if (eager.isEmpty()) {
            return unfitted;
        }
        double best = 1.0;
        double bestErr = Double.MAX_VALUE;
        for (int i = 0; i * RATIO_STEP <= RATIO_MAX; i++) {
            double ratio = i * RATIO_STEP;
            GpuInContext c = new GpuInContext(source, factors, measured.withRatio(ratio, ""), syncUs);
            double err = 0;
            for (GpuRun r : eager) {
                double e = predictNs(c, r) / (r.row().medianUs() * 1000) - 1;
                err += e * e;
            }
            if (err < bestErr) {
                bestErr = err;
                best = ratio;
            }
        }
        String how = String.format(Locale.ROOT, "fitted to %d whole-model eager rows of %s", eager.size(), source);
        return new GpuInContext(source, factors, measured.withRatio(best, how), syncUs);
    }
}
