package dev.hetplace.planner.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.EstimatedNoise;
import dev.hetplace.hw.Platform;
import dev.hetplace.planner.domain.Pin;
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

/** A plan validated with its VTA groups on the simulator measures exactly what the CPU int8 kernels measure. */
class SimulatedVtaTest {
    private static final Parallel PAR = Parallel.common();

    @Test
    void lenetOnPynqMeasuresTheSameSqnrAndTopOneOnTheSimulator() {
        ModelInput model = ModelInput.load("lenet");
        Platform pynq = PlatformInput.resolve("pynq-z1", List.of("cpu", "vta"), Map.of());
        CalibratedModel calibrated = RunNumerics.calibrated(ExecutionSettings.builder().inputCount(2).build(),
                model.grouped(), PAR);
        CostTable table = CostTables.build(model, pynq, List.of("cpu", "vta"), Set.of(), 1,
                CostTables.models(dev.hetplace.cost.gpu.GpuTiming.EAGER), new EstimatedNoise());
        // pinned to the three VTA groups the optimum had before TVM's runtime overhead was priced (tens of
        // microseconds a kernel): now it keeps only conv2 on VTA
        PlanRequest request = PlanRequest.builder().pins(List.of(Pin.parse("#4=vta:int8"),
                Pin.parse("fc2=vta:int8"), Pin.parse("fc3=vta:int8"))).build();
        Plan plan = Planner.solve(Planner.problem(table, request), request);

        Validation cpu = PlanValidator.validate(plan, pynq, calibrated, PlanExecution.CPU_KERNELS, PAR);
        SimulatedVta simulator = new SimulatedVta();
        Validation sim = PlanValidator.validate(plan, pynq, calibrated, simulator, PAR);

        assertThat(sim.measuredSqnrDb()).isEqualTo(cpu.measuredSqnrDb());
        assertThat(sim.top1Agreement()).isEqualTo(cpu.top1Agreement());
        var summary = simulator.summary(PlanValidator.executionPlan(plan, pynq));
        // conv2 (layer #4) + relu, the second dense + relu and the third dense run on VTA
        assertThat(summary.simulated()).isEqualTo(3);
        assertThat(summary.declined()).isEmpty();
        assertThat(sim.vta()).isEqualTo("VTA groups simulated: 3, 8.3k cycles per input");
        assertThat(cpu.vta()).isEqualTo("VTA groups on the CPU int8 kernels (same arithmetic)");
    }
}
