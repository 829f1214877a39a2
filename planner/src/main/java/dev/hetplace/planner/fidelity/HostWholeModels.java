package dev.hetplace.planner.fidelity;

import dev.hetplace.backends.measure.EndToEndMeasurement;
import dev.hetplace.backends.measure.MeasurementTable;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.Option;
import dev.hetplace.cost.context.EndToEndRowCheck;
import dev.hetplace.cost.context.InContextFit;
import dev.hetplace.cost.context.WholeModelCheck;
import dev.hetplace.cost.context.WholeModelRun;
import dev.hetplace.cost.cpu.CpuInContext;
import dev.hetplace.cost.fidelity.FidelityReport;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.Graph;
import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.run.RunInputs;
import dev.hetplace.planner.solve.PlanRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The whole-model rows of the {@code host} platform's measurement table, each predicted as {@code place --platform
 * host} prices the plan it measured (the plan's options from the host's cost table, group and crossing costs summed
 * as the latency objective sums them, at the row's threads), and, as a diagnostic, with an in-model factor per thread
 * count fitted to the rows (all rows, and leave-one-row-out). The factor is not applied to the host's costs: its layer
 * rows are ONNX Runtime's kernel times profiled inside the whole model, already in-model.
 */
public record HostWholeModels(String table, List<WholeModelCheck.Row> rows, CpuInContext fit) {
    public HostWholeModels {
        rows = List.copyOf(rows);
    }

    /** The rows of {@code host}'s table ({@code table}: its file), checked and priced. */
    public static HostWholeModels of(Platform host, String table) {
        Device cpu = host.device("cpu").orElseThrow(() -> new IllegalArgumentException("platform " + host.name()
                + " has no device cpu"));
        List<EndToEndMeasurement> rows = MeasurementTable.read(java.nio.file.Path.of(table)).wholeModels();
        Map<String, Graph> graphs = new HashMap<>();
        for (EndToEndMeasurement r : rows) {
            if (!r.device().equals(cpu.id())) {
                throw new IllegalArgumentException(r.where() + ": device '" + r.device() + "', but platform "
                        + host.name() + " has only " + String.join(", ", host.deviceIds()));
            }
            if (r.threads() < 1) {
                throw new IllegalArgumentException(r.where() + ": a cpu row needs a thread count of at least 1");
            }
        }
        EndToEndRowCheck.check(rows, cpu, graphs);
        List<InContextFit.CpuRun> runs = new ArrayList<>();
        Map<String, CostTable> tables = new HashMap<>();
        for (EndToEndMeasurement r : rows) {
            CostTable t = tables.computeIfAbsent(r.model() + " t" + r.threads() + " b" + r.batch(),
                    k -> table(host, r));
            Evaluation e = price(t, r);
            runs.add(new InContextFit.CpuRun(r, e.groupNs(), e.latencyNs() - e.groupNs()));
        }
        return new HostWholeModels(table, WholeModelCheck.cpuRows(runs, table), InContextFit.fitCpu(runs, table));
    }

    /** The rows and their summary, after the heading its command prints; nothing when the table holds none. */
    public void print(PrintWriter out) {
        if (rows.isEmpty()) {
            return;
        }
        out.println(String.format(Locale.ROOT, "%-20s %-4s %-31s %-5s %-4s %-6s %11s %11s %7s %11s %7s %11s %7s",
                "model", "dev", "precision", "batch", "thr", "timing", "measured_us", "priced_us", "error", "fitted_us",
                "error", "loo_us", "error"));
        for (WholeModelCheck.Row r : rows) {
            out.println(String.format(Locale.ROOT, "%-20s %-4s %-31s b%-4d t%-3d %-6s %11.1f %11.1f %+6.1f%% %11.1f"
                            + " %+6.1f%% %11.1f %+6.1f%%  %s", java.nio.file.Path.of(r.model()).getFileName(),
                    r.device(), r.precision(), r.batch(), r.threads(), r.timing(), r.measuredUs(), r.isolatedUs(),
                    100 * r.isolatedError(), r.predictedUs(), 100 * r.error(), r.leaveOneOutUs(),
                    100 * r.leaveOneOutError(), Math.abs(r.isolatedError()) <= WholeModelCheck.ROW_TARGET ? "ok"
                            : "MISSED"));
        }
        out.println(String.format(Locale.ROOT, "target: every row within %.0f%%, median <= %.0f%%", 100
                * WholeModelCheck.ROW_TARGET, 100 * WholeModelCheck.MEDIAN_TARGET));
        out.println(FidelityReport.summary("priced (place)", rows.stream().map(WholeModelCheck.Row::isolatedError)
                .toList()));
        out.println(FidelityReport.summary("fitted", rows.stream().map(WholeModelCheck.Row::error).toList()));
        out.println(FidelityReport.summary("leave-one-row-out", rows.stream()
                .map(WholeModelCheck.Row::leaveOneOutError).toList()));
        out.println();
        StringBuilder f = new StringBuilder();
        fit.factorByThreads().forEach((t, x) -> f.append(String.format(Locale.ROOT, "%s%d thread(s) x%.3f (%d rows)",
                f.length() == 0 ? "" : "; ", t, x, fit.rowsByThreads().get(t))));
        out.println("cpu: no in-model factor is applied on host (factor 1): its layer rows are ONNX Runtime's kernel"
                + " times profiled inside the whole model, in-model already (x86-h200's factor corrects layers timed"
                + " alone); the factor these rows fit, shown above as fitted: " + f
                + " (what the profiler adds to small kernels and the time between kernels make of it)");
    }

    /** The cost table of row {@code r}'s model on {@code host} at the row's threads and batch. */
    private static CostTable table(Platform host, EndToEndMeasurement r) {
        Platform at = Profiles.withOverrides(host, Map.of("devices.cpu.threads", Integer.toString(r.threads())));
        PlacementSpec spec = PlacementSpec.builder(r.model(), List.of("cpu"), PlanRequest.latency()).batch(r.batch())
                .build();
        return PlacementRunner.price(spec, new RunInputs() {
            @Override
            public Platform platform(PlacementSpec s) {
                return at;
            }
        }).table();
    }

    /** The plan row {@code r} measured, priced in {@code t} (its model's table at its threads and batch). */
    private static Evaluation price(CostTable t, EndToEndMeasurement r) {
        IntFunction<Precision> plan = WholeModelRun.plan(r, t.graph());
        int[] choice = new int[t.groupCount()];
        for (int g = 0; g < t.groupCount(); g++) {
            choice[g] = option(t, g, plan.apply(g), r);
        }
        return PlanEvaluator.evaluate(PlacementProblem.unconstrained(t, Objective.LATENCY), choice);
    }

    /**
     * Group {@code g}'s cheapest option on the CPU at {@code p}; a group without one at int8 runs in fp32 (as the
     * exported all-int8 plan leaves it).
     */
    private static int option(CostTable t, int g, Precision p, EndToEndMeasurement r) {
        List<Option> options = t.options(g);
        for (Precision want : p == Precision.FP32 ? List.of(p) : List.of(p, Precision.FP32)) {
            int best = -1;
            for (int i = 0; i < options.size(); i++) {
                Option o = options.get(i);
                if (o.choice().device().equals("cpu") && o.choice().precision() == want && (best < 0
                        || o.cost().timeNs() < options.get(best).cost().timeNs())) {
                    best = i;
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        throw new IllegalArgumentException(r.where() + ": group " + t.graph().group(g).name() + " has no cpu option at "
                + p.id());
    }
}
