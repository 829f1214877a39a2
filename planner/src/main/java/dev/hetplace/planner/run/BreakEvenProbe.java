package dev.hetplace.planner.run;

import dev.hetplace.cost.EstimatedNoise;
import dev.hetplace.cost.NoiseModel;
import dev.hetplace.cost.RecordedNoise;
import dev.hetplace.cost.models.DeviceCostModels;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Platform;
import dev.hetplace.planner.explain.BreakEven;
import dev.hetplace.planner.solve.Planner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Break-even of one group's decision against named profile parameters: the clock of the device it runs on
 * (slowed down) and the clocks of the devices it could run on instead (sped up), each within a factor of
 * {@link #FACTOR_LIMIT}. Every probe re-prices the model with the override and re-solves exactly.
 */
public final class BreakEvenProbe {
    public static final double FACTOR_LIMIT = 16;

    private BreakEvenProbe() {
    }

    public static List<BreakEven.Result> probe(PlacementResult r, int group) {
        PlacementSpec spec = r.spec();
        ModelInput model = ModelInput.load(spec.model());
        DeviceCostModels models = CostTables.models(spec.gpuTiming(), spec.vtaCosts());
        NoiseModel noise = new RecordedNoise(r.problem().table());
        Platform platform = r.problem().table().platform();
        Choice chosen = r.plan().choices().get(group);
        Set<String> alternatives = new LinkedHashSet<>();
        r.problem().allowed(group).forEach(o -> alternatives.add(r.problem().option(group, o).choice().device()));
        alternatives.remove(chosen.device());
        List<BreakEven.Result> results = new ArrayList<>();
        List<String[]> candidates = new ArrayList<>();
        if (clock(platform, chosen.device()) > 0) {
            candidates.add(new String[] {chosen.device(), "down"});
        }
        for (String alt : alternatives) {
            if (clock(platform, alt) > 0) {
                candidates.add(new String[] {alt, "up"});
            }
        }
        for (String[] c : candidates) {
            String param = "devices." + c[0] + ".clockMHz";
            double current = clock(platform, c[0]);
            results.add(BreakEven.find(param, current, c[1].equals("up"), FACTOR_LIMIT,
                    value -> decisionAt(spec, model, models, noise, param, value, group)));
        }
        return results;
    }

    static Choice decisionAt(PlacementSpec spec, ModelInput model, DeviceCostModels models, String param, double value,
                             int group) {
        return decisionAt(spec, model, models, new EstimatedNoise(), param, value, group);
    }

    /** As above with the run's noise (so a budget binds as in the run). */
    static Choice decisionAt(PlacementSpec spec, ModelInput model, DeviceCostModels models, NoiseModel noise,
                             String param, double value, int group) {
        Map<String, String> overrides = new LinkedHashMap<>(spec.overrides());
        overrides.put(param, String.valueOf(value));
        Platform p = PlatformInput.resolve(spec.platform(), spec.targets(), overrides);
        var table = CostTables.build(model, p, spec.targets(), PlacementRunner.precisions(spec), spec.batch(), models,
                noise);
        var problem = Planner.problem(table, spec.request(), model::groupOf);
        var plan = Planner.solve(problem, spec.request());
        return plan.choices().get(group);
    }

    static double clock(Platform p, String deviceId) {
        Device d = p.device(deviceId).orElseThrow();
        if (d.vta() != null) {
            return d.vta().clockMHz();
        }
        if (d.cpu() != null && d.cpu().hasAnalyticalParams()) {
            return d.cpu().clockMHz();
        }
        return 0;
    }
}
