package dev.hetplace.planner.cli;

import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.vta.VtaCostSource;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.run.WorkLimit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options {@code place} and {@code place cost} share that say how groups are priced: platform, batch, sources. */
public final class CostSourceOptions {
    @Option(names = "--platform", description = "built-in platform name or profile JSON path "
            + "(default from the targets: cpu,vta -> pynq-z1, cpu,gpu -> x86-h200)")
    String platform;

    @Option(names = "--cpu-threads", description = "threads of the CPU device (sets devices.cpu.threads)")
    Integer cpuThreads;

    @Option(names = "--batch", defaultValue = "1", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--timing", defaultValue = "eager",
            description = "GPU timing: eager (per-layer dispatch, default) or graph (CUDA graph)")
    GpuTiming timing;

    @Option(names = "--vta-costs", defaultValue = "analytical",
            description = "where VTA costs come from: analytical (formulas, default) or simulated (VTA simulator)")
    VtaCostSource vtaCosts;

    @Option(names = "--measurements", paramLabel = "FILE", description = "measurement-table CSV or AutoTVM log whose"
            + " layers are priced MEASURED (repeatable)")
    List<Path> measurements = new ArrayList<>();

    /** Refuses a batch below 1 or over the work limit. */
    void check() {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        WorkLimit.BATCH.check(batch, "--batch " + batch);
    }

    /** The profile overrides of {@code --set KEY=VALUE} and {@code --cpu-threads}. */
    Map<String, String> overrides(List<String> sets) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set '" + s + "' is not KEY=VALUE (e.g. devices.vta.logBlockIn=5)");
            }
            o.put(s.substring(0, eq), s.substring(eq + 1));
        }
        if (cpuThreads != null) {
            if (cpuThreads < 1) {
                throw new IllegalArgumentException("--cpu-threads must be at least 1, got " + cpuThreads);
            }
            o.put("devices.cpu.threads", String.valueOf(cpuThreads));
        }
        return o;
    }
}
