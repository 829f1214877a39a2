package dev.hetplace.planner.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.cost.models.DeviceCostModels;
import dev.hetplace.hw.Choice;
import dev.hetplace.planner.explain.BreakEven;
import dev.hetplace.planner.solve.PlanRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakEvenProbeTest {

    @Test
    void movingTheVtaClockAcrossTheBreakEvenFlipsTheStem() {
        PlacementSpec spec = PlacementSpec.of("resnet18", List.of("cpu", "vta"), PlanRequest.latency());
        PlacementResult r = PlacementRunner.run(spec);
        int stem = r.resolver().group("conv0");
        List<BreakEven.Result> results = BreakEvenProbe.probe(r, stem);
        BreakEven.Result vtaClock = results.stream().filter(b -> b.parameter().equals("devices.vta.clockMHz"))
                .findFirst().orElseThrow();
        assertThat(vtaClock.flips()).isTrue();
        Choice now = r.plan().choices().get(stem);
        ModelInput model = ModelInput.load("resnet18");
        DeviceCostModels models = CostTables.models(dev.hetplace.cost.gpu.GpuTiming.EAGER);
        // on one side of the threshold (1% away) the decision is today's, on the other it has flipped
        double sameSide = vtaClock.threshold() * (vtaClock.threshold() < vtaClock.current() ? 1.01 : 0.99);
        double otherSide = vtaClock.threshold() * (vtaClock.threshold() < vtaClock.current() ? 0.99 : 1.01);
        assertThat(BreakEvenProbe.decisionAt(spec, model, models, vtaClock.parameter(), sameSide, stem)).isEqualTo(now);
        Choice flipped = BreakEvenProbe.decisionAt(spec, model, models, vtaClock.parameter(), otherSide, stem);
        assertThat(flipped).isNotEqualTo(now).isEqualTo(vtaClock.flippedTo());
    }
}
