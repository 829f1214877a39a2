package dev.hetplace.experiments.run;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.models.DeviceCostModels;
import dev.hetplace.cost.vta.VtaCostSource;
import dev.hetplace.experiments.spec.RunSettings;
import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.experiments.spec.SpecKeys;
import dev.hetplace.experiments.spec.SweepSolver;
import dev.hetplace.hw.Platform;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.Pin;
import dev.hetplace.planner.numerics.ExecutionSettings;
import dev.hetplace.planner.numerics.RunNumerics;
import dev.hetplace.planner.run.CostTables;
import dev.hetplace.planner.run.ModelInput;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.run.PlatformInput;
import dev.hetplace.planner.run.RunInputs;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.validate.ExecutionRuntime;
import dev.hetplace.planner.validate.OrtExecution;
import dev.hetplace.planner.validate.SimulatedVta;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a sweep's runs through {@link PlacementRunner#run}, the runner {@code place} uses: each {@link RunSpec}
 * becomes the {@link PlacementSpec} {@code place} would build from the same settings. Models, platforms, cost
 * models, numerics and cost tables are cached per instance (runs that differ only in objective, TVM compatibility,
 * pins, solver or seed share one table), and such runs share an {@link #affinity}.
 */
public final class PlannerRuns implements RunFunction, RunInputs {
    /** Inputs that decide a run's numerics. */
    private record NumericsKey(String model, PlatformKey platform, List<String> targets, List<String> precisions,
                               String noise, boolean validate, boolean budget, WeightMode weights,
                               CalibrationMode calibration, Path inputs, int inputCount, String execution) {
    }

    /** Inputs that decide a cost table. */
    private record TableKey(NumericsKey numerics, int batch, GpuTiming gpuTiming, VtaCostSource vtaCosts,
                            List<Path> measurements) {
    }

    private record PlatformKey(String platform, Map<String, String> overrides) {
    }

    private record ModelsKey(GpuTiming gpuTiming, VtaCostSource vtaCosts) {
    }

    private final Cache<String, ModelInput> models = Caffeine.newBuilder().maximumSize(32).build();
    private final Cache<PlatformKey, Platform> platforms = Caffeine.newBuilder().maximumSize(256).build();
    private final Cache<NumericsKey, RunNumerics> numerics = Caffeine.newBuilder().maximumSize(64).build();
    private final Cache<TableKey, CostTable> tables = Caffeine.newBuilder().maximumSize(64).build();
    private final Cache<ModelsKey, DeviceCostModels> costModels = Caffeine.newBuilder().build();

    @Override
    public Object affinity(RunSpec run) {
        return List.of(run.model(), run.platform(), run.overrides(), String.valueOf(run.targets()), run.precisions(),
                run.batch(), run.gpuTiming(), run.settings().noise(), run.settings().vtaCosts(),
                run.settings().measurements(), run.settings().weights(), run.settings().calibration(),
                String.valueOf(run.settings().inputs()), run.settings().calibrationSamples());
    }

    @Override
    public Outcome apply(RunSpec run) {
        PlacementResult r = PlacementRunner.run(spec(run), this);
        return Outcomes.of(r);
    }

    /** The request {@code place} would build for the run. */
    PlacementSpec spec(RunSpec run) {
        List<String> targets = run.targets() != null ? run.targets()
                : platform(new PlatformKey(run.platform(), run.overrides()), List.of()).deviceIds();
        SweepSolver solver = SweepSolver.of(run.solver()).orElseThrow(() -> new IllegalArgumentException(
                "unknown solver '" + run.solver() + "' (known: " + String.join(", ", SweepSolver.IDS) + ")"));
        RunSettings s = run.settings();
        PlanRequest request = PlanRequest.builder().objective(Objective.valueOf(run.objective().toUpperCase(Locale.ROOT)))
                .minSqnrDb(run.minSqnrDb()).pins(s.pins().stream().map(Pin::parse).toList())
                .tvmCompatible(run.tvmCompatible()).enforceMemory(!s.noMemoryLimit()).solver(solver.kind)
                .seed(run.seed()).dpSeed(solver.dpSeed)
                .timefoldSteps(s.timefoldSteps() != null ? s.timefoldSteps() : solver.timefoldSteps)
                .wording(SpecKeys.WORDING).build();
        ExecutionSettings.Builder execution = ExecutionSettings.builder().noise(s.noise()).validate(s.validate())
                .weights(s.weights()).calibration(s.calibration()).inputCount(s.calibrationSamples())
                .inputs(s.inputs() == null ? null : Path.of(s.inputs())).maxReplans(s.replans());
        if (s.simulateVta()) {
            execution.planExecution(new SimulatedVta());
        }
        if (s.runtime() == ExecutionRuntime.ONNXRUNTIME) {
            execution.planExecution(new OrtExecution());
        }
        return PlacementSpec.builder(run.model(), targets, request).platform(run.platform()).overrides(run.overrides())
                .precisions(run.precisions()).batch(run.batch()).gpuTiming(GpuTiming.parse(run.gpuTiming()))
                .vtaCosts(s.vtaCosts()).execution(execution.build())
                .measurements(s.measurements().stream().map(Path::of).toList()).build();
    }

    @Override
    public ModelInput model(String source) {
        return models.get(source, ModelInput::load);
    }

    @Override
    public Platform platform(PlacementSpec spec) {
        return platform(new PlatformKey(spec.platform(), spec.overrides()), spec.targets());
    }

    private Platform platform(PlatformKey key, List<String> targets) {
        Platform p = platforms.get(key, k -> PlatformInput.resolve(k.platform(), List.of(), k.overrides()));
        PlatformInput.checkTargets(p, targets);
        return p;
    }

    @Override
    public DeviceCostModels costModels(PlacementSpec spec) {
        return costModels.get(new ModelsKey(spec.gpuTiming(), spec.vtaCosts()),
                k -> CostTables.models(k.gpuTiming(), k.vtaCosts()));
    }

    @Override
    public RunNumerics numerics(PlacementSpec spec, Supplier<RunNumerics> prepare) {
        return numerics.get(numericsKey(spec), k -> prepare.get());
    }

    @Override
    public CostTable table(PlacementSpec spec, Supplier<CostTable> build) {
        return tables.get(new TableKey(numericsKey(spec), spec.batch(), spec.gpuTiming(), spec.vtaCosts(),
                spec.measurements()), k -> build.get());
    }

    private static NumericsKey numericsKey(PlacementSpec s) {
        return new NumericsKey(s.model(), new PlatformKey(s.platform(), s.overrides()), s.targets(), s.precisions(),
                s.execution().noise().id(), s.execution().validate(), s.request().minSqnrDb() != null,
                s.execution().weights(), s.execution().calibration(), s.execution().inputs(),
                s.execution().inputCount(), s.execution().planExecution().getClass().getName());
    }
}
