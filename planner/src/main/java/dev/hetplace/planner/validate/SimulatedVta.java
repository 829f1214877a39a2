package dev.hetplace.planner.validate;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.ExecutionResult;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.backends.vta.sim.VtaGroupRunner;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.VtaConfig;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --simulate-vta}: a plan's VTA groups run on the VTA simulator (functional simulation with each device's
 * configuration, timed once per group), the rest on the CPU kernels. One runner per platform, so that groups are
 * lowered and timed once across the inputs and re-planned plans of a run.
 */
public final class SimulatedVta implements PlanExecution {
    private final Map<Platform, VtaGroupRunner> runners = new ConcurrentHashMap<>();
    private final Map<ExecutionPlan, VtaGroupRunner> ranWith = new ConcurrentHashMap<>();

    @Override
    public ExecutionResult run(CalibratedModel model, ExecutionPlan plan, float[][] sample, Platform platform,
                               Parallel par) {
        VtaGroupRunner runner = runners.computeIfAbsent(platform, SimulatedVta::runner);
        ranWith.put(plan, runner);
        return model.executor(par).withVtaGroups(runner).run(model.grouped(), plan, sample);
    }

    /** What the simulator did for {@code plan}'s VTA groups. */
    public VtaGroupRunner.Summary summary(ExecutionPlan plan) {
        VtaGroupRunner r = ranWith.get(plan);
        return r == null ? new VtaGroupRunner.Summary(0, 0, 0, Map.of()) : r.summary(plan);
    }

    @Override
    public String describe(ExecutionPlan plan) {
        VtaGroupRunner.Summary s = summary(plan);
        String text = String.format(Locale.ROOT, "VTA groups simulated: %d%s, %s cycles per input", s.simulated(),
                s.fused() == 0 ? "" : " (" + s.fused() + " residual adds fused into their conv)", cycles(s.cycles()));
        if (!s.declined().isEmpty()) {
            Map.Entry<String, String> first = s.declined().entrySet().iterator().next();
            text += String.format(Locale.ROOT, "; %d on the CPU int8 kernels (%s: %s%s)", s.declined().size(),
                    first.getKey(), first.getValue(), s.declined().size() > 1 ? ", ..." : "");
        }
        return text;
    }

    private static VtaGroupRunner runner(Platform platform) {
        Map<String, VtaConfig> configs = new TreeMap<>();
        for (Device d : platform.devices()) {
            if (d.kind() == DeviceKind.VTA) {
                configs.put(d.id(), d.vta());
            }
        }
        return new VtaGroupRunner(configs);
    }

    private static String cycles(long c) {
        if (c >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", c / 1e6);
        }
        if (c >= 1_000) {
            return String.format(Locale.ROOT, "%.1fk", c / 1e3);
        }
        return Long.toString(c);
    }
}
