package dev.hetplace.planner.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.backends.sensitivity.SensitivityAnalysis;
import dev.hetplace.backends.sensitivity.SensitivityProgress;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.MeasuredNoise;
import dev.hetplace.cost.NoiseModel;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.Plan;
import dev.hetplace.planner.numerics.ExecutionSettings;
import dev.hetplace.planner.numerics.RunNumerics;
import dev.hetplace.planner.run.CostTables;
import dev.hetplace.planner.run.ModelInput;
import dev.hetplace.planner.run.PlatformInput;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.solve.Planner;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidatedPlanningTest {
    private static final Parallel PAR = Parallel.common();

    /** Reports a tenth of the measured noise: plans chosen with it measure about 10 dB below their prediction. */
    private record Underestimate(MeasuredNoise truth) implements NoiseModel {
        @Override
        public long noisePpb(GroupedGraph graph, Group group, Precision precision) {
            return truth.noisePpb(graph, group, precision) / 10;
        }

        @Override
        public boolean measured() {
            return true;
        }

        @Override
        public String describe() {
            return "a tenth of " + truth.describe();
        }
    }

    @Test
    void aPlanMeasuringBelowItsBudgetIsReplannedWithATighterBudgetUntilItMeetsItUnlessReplansAreZero() {
        ModelInput model = ModelInput.load("squeezenet1_1");
        Platform pynq = PlatformInput.resolve("pynq-z1", List.of("cpu", "vta"), Map.of());
        CalibratedModel calibrated = RunNumerics.calibrated(ExecutionSettings.builder().inputCount(2).build(),
                model.grouped(), PAR);
        MeasuredNoise measured = new MeasuredNoise(new SensitivityAnalysis(calibrated, PAR).measure(
                List.of(Precision.INT8), SensitivityProgress.NONE));
        CostTable table = CostTables.build(model, pynq, List.of("cpu", "vta"), Set.of(), 1,
                CostTables.models(dev.hetplace.cost.gpu.GpuTiming.EAGER), new Underestimate(measured));
        PlanRequest request = PlanRequest.builder().minSqnrDb(30.0).build();
        PlacementProblem problem = Planner.problem(table, request);
        Plan first = Planner.solve(problem, request);

        ValidatedPlanning.Outcome checkOnly = ValidatedPlanning.validate(problem, first, request, pynq, calibrated,
                PlanExecution.CPU_KERNELS, 0, PAR);
        ValidatedPlanning.Outcome o = ValidatedPlanning.validate(problem, first, request, pynq, calibrated,
                PlanExecution.CPU_KERNELS, ValidatedPlanning.DEFAULT_MAX_REPLANS, PAR);

        assertThat(checkOnly.plan()).isSameAs(first);
        assertThat(checkOnly.validation().rejected()).isEmpty();
        assertThat(checkOnly.validation().meets(30.0)).isFalse();
        assertThat(o.validation().rejected()).isNotEmpty()
                .hasSizeLessThanOrEqualTo(ValidatedPlanning.DEFAULT_MAX_REPLANS)
                .allSatisfy(db -> assertThat(db).isLessThan(30.0));
        assertThat(o.validation().measuredSqnrDb()).isGreaterThanOrEqualTo(30.0);
        assertThat(o.validation().meets(30.0)).isTrue();
        assertThat(o.problem().noiseBudgetPpb()).isLessThan(problem.noiseBudgetPpb());
        assertThat(o.plan().evaluation().noisePpb()).isLessThanOrEqualTo(o.problem().noiseBudgetPpb());
    }

    @Test
    void aPlanMeetingItsBudgetIsKept() {
        ModelInput model = ModelInput.load("lenet");
        Platform pynq = PlatformInput.resolve("pynq-z1", List.of("cpu", "vta"), Map.of());
        CalibratedModel calibrated = RunNumerics.calibrated(ExecutionSettings.builder().inputCount(2).build(),
                model.grouped(), PAR);
        MeasuredNoise measured = new MeasuredNoise(new SensitivityAnalysis(calibrated, PAR).measure(
                List.of(Precision.INT8), SensitivityProgress.NONE));
        CostTable table = CostTables.build(model, pynq, List.of("cpu", "vta"), Set.of(), 1,
                CostTables.models(dev.hetplace.cost.gpu.GpuTiming.EAGER), measured);
        PlanRequest request = PlanRequest.builder().minSqnrDb(20.0).build();
        PlacementProblem problem = Planner.problem(table, request);
        Plan plan = Planner.solve(problem, request);
        ValidatedPlanning.Outcome o = ValidatedPlanning.validate(problem, plan, request, pynq, calibrated,
                PlanExecution.CPU_KERNELS, ValidatedPlanning.DEFAULT_MAX_REPLANS, PAR);
        assertThat(o.validation().rejected()).isEmpty();
        assertThat(o.plan()).isSameAs(plan);
        assertThat(o.validation().measuredSqnrDb()).isGreaterThanOrEqualTo(20.0);
    }
}
