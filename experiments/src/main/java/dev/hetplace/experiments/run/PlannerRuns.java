package dev.hetplace.experiments.run;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.DeviceCostModels;
import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.planner.Baseline;
import dev.hetplace.planner.Baselines;
import dev.hetplace.planner.Objective;
import dev.hetplace.planner.PlacementProblem;
import dev.hetplace.planner.Plan;
import dev.hetplace.planner.PlanRequest;
import dev.hetplace.planner.Planner;
import dev.hetplace.planner.SolverKind;
import dev.hetplace.planner.run.CostTables;
import dev.hetplace.planner.run.ModelInput;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Runs through the planner: the model loaded ({@link ModelInput#load}: zoo, file or {@code wide-dag:...}), the platform
 * resolved with its overrides, the cost table built as {@link CostTables#build} builds it, then the problem solved and the
 * baselines priced. Models, platforms and cost tables are cached per instance (runs that differ only in objective,
 * budget, TVM compatibility, solver or seed share one table), and such runs share an {@link #affinity}.
 */
public final class PlannerRuns implements RunFunction {
    /** Inputs that decide a cost table. */
    private record TableKey(String model, String platform, java.util.Map<String, String> overrides,
                            List<String> targets, List<String> precisions, int batch, String gpuTiming) {
    }

    private record PlatformKey(String platform, java.util.Map<String, String> overrides) {
    }

    private final Cache<String, ModelInput> models = Caffeine.newBuilder().maximumSize(32).build();
    private final Cache<PlatformKey, Platform> platforms = Caffeine.newBuilder().maximumSize(256).build();
    private final Cache<TableKey, CostTable> tables = Caffeine.newBuilder().maximumSize(64).build();
    private final Cache<String, DeviceCostModels> costModels = Caffeine.newBuilder().build();

    @Override
    public Object affinity(RunSpec run) {
        return key(run);
    }

    @Override
    public Outcome apply(RunSpec run) {
        ModelInput model = models.get(run.model(), ModelInput::load);
        Platform platform = platform(run);
        List<String> targets = targets(run, platform);
        long t0 = System.nanoTime();
        CostTable table = tables.get(key(run), k -> table(model, platform, targets, run));
        long t1 = System.nanoTime();
        PlanRequest request = request(run);
        PlacementProblem problem = Planner.problem(table, request, model::groupOf);
        Plan plan = Planner.solve(problem, request);
        long t2 = System.nanoTime();
        List<Baseline> baselines = Baselines.all(problem);
        return Outcomes.of(model.graph().name(), model.hash(), problem, plan, baselines, t1 - t0, t2 - t1);
    }

    /**
     * {@link CostTables#build} with the cost models shared by every run of this instance (per GPU timing), so their
     * caches (keyed by group shape, device profile, precision, layout and batch) serve the whole sweep.
     */
    private CostTable table(ModelInput model, Platform platform, List<String> targets, RunSpec run) {
        DeviceCostModels m = costModels.get(run.gpuTiming(), CostTables::models);
        return CostTables.build(model, platform, targets, precisions(run), run.batch(), m);
    }

    static PlanRequest request(RunSpec run) {
        Objective objective = run.objective().equals("throughput") ? Objective.THROUGHPUT : Objective.LATENCY;
        SolverKind kind = switch (run.solver()) {
            case "exact" -> SolverKind.EXACT;
            case "cpsat" -> SolverKind.CPSAT;
            case "timefold", "timefold-noseed", "timefold-noseed-5k" -> SolverKind.TIMEFOLD;
            default -> SolverKind.AUTO;
        };
        return new PlanRequest(objective, run.minSqnrDb(), List.of(), run.tvmCompatible(), true, kind, run.seed())
                .withDpSeed(!run.solver().startsWith("timefold-noseed"))
                .withTimefoldSteps(run.solver().endsWith("-5k") ? 5_000 : PlanRequest.DEFAULT_TIMEFOLD_STEPS);
    }

    private Platform platform(RunSpec run) {
        return platforms.get(new PlatformKey(run.platform(), run.overrides()), k -> k.overrides().isEmpty()
                ? Profiles.resolve(k.platform())
                : Profiles.withOverrides(Profiles.resolveJson(k.platform()), k.platform(), k.overrides()));
    }

    private static List<String> targets(RunSpec run, Platform p) {
        if (run.targets() == null) {
            return p.deviceIds();
        }
        for (String t : run.targets()) {
            if (p.device(t).isEmpty()) {
                throw new IllegalArgumentException("unknown target '" + t + "': platform " + p.name()
                        + " has devices " + String.join(", ", p.deviceIds()));
            }
        }
        return run.targets();
    }

    private static Set<Precision> precisions(RunSpec run) {
        Set<Precision> s = EnumSet.noneOf(Precision.class);
        run.precisions().forEach(p -> s.add(Precision.parse(p)));
        return s;
    }

    private static TableKey key(RunSpec r) {
        return new TableKey(r.model(), r.platform(), r.overrides(), r.targets(), r.precisions(), r.batch(),
                r.gpuTiming());
    }
}
