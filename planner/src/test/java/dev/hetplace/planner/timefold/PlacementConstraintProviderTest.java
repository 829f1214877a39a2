package dev.hetplace.planner.timefold;

import static dev.hetplace.planner.timefold.TinyPlacement.devices;
import static dev.hetplace.planner.timefold.TinyPlacement.edges;
import static dev.hetplace.planner.timefold.TinyPlacement.goal;
import static dev.hetplace.planner.timefold.TinyPlacement.groups;
import static dev.hetplace.planner.timefold.TinyPlacement.tensors;

import ai.timefold.solver.test.api.score.stream.ConstraintVerifier;
import ai.timefold.solver.test.api.score.stream.SingleConstraintAssertion;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.timefold.justifications.BottleneckJustification;
import dev.hetplace.planner.timefold.justifications.CrossingStepJustification;
import dev.hetplace.planner.timefold.justifications.GroupTimeJustification;
import dev.hetplace.planner.timefold.justifications.InfeasibleCrossingJustification;
import dev.hetplace.planner.timefold.justifications.MemoryOverCapacityJustification;
import dev.hetplace.planner.timefold.justifications.NoiseOverBudgetJustification;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** One exact penalty per constraint on {@link TinyPlacement}, priced by hand in each test. */
class PlacementConstraintProviderTest {
    private static final ConstraintVerifier<PlacementConstraintProvider, PlacementSolution> VERIFIER =
            ConstraintVerifier.build(new PlacementConstraintProvider(), PlacementSolution.class,
                    GroupAssignment.class);

    private static SingleConstraintAssertion verify(
            BiFunction<PlacementConstraintProvider, ai.timefold.solver.core.api.score.stream.ConstraintFactory,
                    ai.timefold.solver.core.api.score.stream.Constraint> constraint,
            String placement, Objective objective, long vtaCapacity, long noiseBudget) {
        List<Object> facts = new ArrayList<>();
        facts.add(goal(objective, noiseBudget));
        facts.addAll(devices(vtaCapacity));
        facts.addAll(tensors());
        facts.addAll(edges());
        facts.addAll(groups(placement));
        return VERIFIER.verifyThat(constraint).given(facts.toArray());
    }

    private static SingleConstraintAssertion verify(
            BiFunction<PlacementConstraintProvider, ai.timefold.solver.core.api.score.stream.ConstraintFactory,
                    ai.timefold.solver.core.api.score.stream.Constraint> constraint, String placement) {
        return verify(constraint, placement, Objective.LATENCY, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    @Test
    void groupTimeIsTheSumOfTheChosenOptions() {
        // g0 on the CPU 1000, g1 on VTA 500, g2 on VTA 700
        verify(PlacementConstraintProvider::groupTime, "cvv").penalizesBy(2200L);
        verify(PlacementConstraintProvider::groupTime, "cvv")
                .justifiesWith(new GroupTimeJustification("g1", "vta:int8:blocked", 500));
    }

    @Test
    void transferIsPaidOncePerTensorHoweverManyConsumersNeedIt() {
        // t1 from the CPU to g1 and g2 on VTA: one transfer 200 (not two); t3 from VTA back to the host: 210 * 3
        verify(PlacementConstraintProvider::transfer, "cvv").penalizesBy(200L + 630L);
        verify(PlacementConstraintProvider::transfer, "cvv")
                .justifiesWith(new CrossingStepJustification(1, "transfer:cpu->vta:int8", 200));
    }

    @Test
    void castIsPaidOncePerTensor() {
        // t1 cast to int8 once (100), t3 cast back to fp32 on the host (120 * 3)
        verify(PlacementConstraintProvider::cast, "cvv").penalizesBy(100L + 360L);
    }

    @Test
    void layoutChangeIsPaidOncePerTensor() {
        // t1 blocked once (50), t3 back to plain on the host (60 * 3)
        verify(PlacementConstraintProvider::layoutChange, "cvv").penalizesBy(50L + 180L);
    }

    @Test
    void noCrossingCostsAllOnTheCpu() {
        verify(PlacementConstraintProvider::transfer, "ccc").penalizesBy(0L);
        verify(PlacementConstraintProvider::cast, "ccc").penalizesBy(0L);
        verify(PlacementConstraintProvider::layoutChange, "ccc").penalizesBy(0L);
    }

    @Test
    void graphInputCrossingUsesTheHostAsProducer() {
        // t0 from the host to g0 on VTA: 100 + 50 + 200; t1 from VTA to g1 and g2 on the CPU: 210 + 60 + 120, once
        verify(PlacementConstraintProvider::transfer, "vcc").penalizesBy(200L + 210L);
        verify(PlacementConstraintProvider::cast, "vcc").penalizesBy(100L + 120L);
        verify(PlacementConstraintProvider::layoutChange, "vcc").penalizesBy(50L + 60L);
    }

    @Test
    void infeasibleCrossingCountsEachReaderThatCannotReceive() {
        // g1 on VTA, g2 on the CPU: t2 cannot reach g2
        verify(PlacementConstraintProvider::infeasibleCrossing, "cvc").penalizesBy(1L);
        verify(PlacementConstraintProvider::infeasibleCrossing, "cvc")
                .justifiesWith(new InfeasibleCrossingJustification(2, 2));
        verify(PlacementConstraintProvider::infeasibleCrossing, "cvv").penalizesBy(0L);
    }

    @Test
    void deviceMemoryPenalizesBytesOverCapacity() {
        // VTA holds g1 (500) and g2 (700) = 1200 bytes against 1000
        verify(PlacementConstraintProvider::deviceMemory, "cvv", Objective.LATENCY, 1000, Long.MAX_VALUE)
                .penalizesBy(200L);
        verify(PlacementConstraintProvider::deviceMemory, "cvv", Objective.LATENCY, 1000, Long.MAX_VALUE)
                .justifiesWith(new MemoryOverCapacityJustification("vta", 1200, 1000));
        verify(PlacementConstraintProvider::deviceMemory, "cvv", Objective.LATENCY, 1200, Long.MAX_VALUE)
                .penalizesBy(0L);
    }

    @Test
    void accuracyBudgetPenalizesNoiseOverTheBudget() {
        // g1 (2000) and g2 (4000) quantized = 6000 ppb against 5000
        verify(PlacementConstraintProvider::accuracyBudget, "cvv", Objective.LATENCY, Long.MAX_VALUE, 5000)
                .penalizesBy(1000L);
        verify(PlacementConstraintProvider::accuracyBudget, "cvv", Objective.LATENCY, Long.MAX_VALUE, 5000)
                .justifiesWith(new NoiseOverBudgetJustification(6000, 5000));
        verify(PlacementConstraintProvider::accuracyBudget, "cvv", Objective.LATENCY, Long.MAX_VALUE, 6000)
                .penalizesBy(0L);
    }

    @Test
    void throughputBottleneckIsTheBusiestDevice() {
        // CPU: g0 1000 + t1 cast 100, layout 50, transfer 200 + t3 transfer 630, layout 180, cast 360 = 2520
        // VTA: g1 500 + g2 700 + transfers 200 + 630 = 2030
        verify(PlacementConstraintProvider::throughputBottleneck, "cvv", Objective.THROUGHPUT, Long.MAX_VALUE,
                Long.MAX_VALUE).penalizesBy(2520L);
        verify(PlacementConstraintProvider::throughputBottleneck, "cvv", Objective.THROUGHPUT, Long.MAX_VALUE,
                Long.MAX_VALUE).justifiesWith(new BottleneckJustification("cpu", 2520));
        // all on VTA: VTA 1600 + t0 transfer 200 + t3 transfer 630 = 2430; CPU 100 + 50 + 200 + 630 + 180 + 360 = 1520
        verify(PlacementConstraintProvider::throughputBottleneck, "vvv", Objective.THROUGHPUT, Long.MAX_VALUE,
                Long.MAX_VALUE).penalizesBy(2430L);
    }

    @Test
    void throughputBottleneckIsOffUnderLatency() {
        verify(PlacementConstraintProvider::throughputBottleneck, "cvv").penalizesBy(0L);
    }
}
