package dev.hetplace.planner.timefold;

import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.max;
import static ai.timefold.solver.core.api.score.stream.ConstraintCollectors.sumLong;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;
import ai.timefold.solver.core.api.score.stream.uni.UniConstraintStream;
import dev.hetplace.cost.CrossingStep;
import dev.hetplace.planner.timefold.justifications.BottleneckJustification;
import dev.hetplace.planner.timefold.justifications.CrossingStepJustification;
import dev.hetplace.planner.timefold.justifications.GroupTimeJustification;
import dev.hetplace.planner.timefold.justifications.InfeasibleCrossingJustification;
import dev.hetplace.planner.timefold.justifications.MemoryOverCapacityJustification;
import dev.hetplace.planner.timefold.justifications.NoiseOverBudgetJustification;
import java.util.Comparator;

/**
 * The placement score, constraint by constraint; together they reproduce {@link dev.hetplace.planner.domain.PlanEvaluator}
 * exactly (see {@link dev.hetplace.planner.timefold.PlacementSolution} for the score levels).
 */
public final class PlacementConstraintProvider implements ConstraintProvider {
    private static final Comparator<DeviceLoad> BUSIEST_FIRST_BY_INDEX =
            Comparator.comparingLong(DeviceLoad::ns).thenComparing(DeviceLoad::device, Comparator.reverseOrder());

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
            groupTime(factory),
            transfer(factory),
            cast(factory),
            layoutChange(factory),
            infeasibleCrossing(factory),
            deviceMemory(factory),
            accuracyBudget(factory),
            throughputBottleneck(factory),
        };
    }

    /** Every group costs the time of its chosen option. */
    Constraint groupTime(ConstraintFactory factory) {
        return factory.forEach(GroupAssignment.class)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, a -> a.option().timeNs())
                .justifyWith((a, score) -> new GroupTimeJustification(a.name(), a.getChoice().toString(),
                        a.option().timeNs()))
                .asConstraint("Group time");
    }

    /** Every transfer a tensor needs, paid once per tensor. */
    Constraint transfer(ConstraintFactory factory) {
        return crossingSteps(factory, CrossingStep.Kind.TRANSFER, "Transfer");
    }

    /** Every precision cast a tensor needs, paid once per tensor. */
    Constraint cast(ConstraintFactory factory) {
        return crossingSteps(factory, CrossingStep.Kind.CAST, "Cast");
    }

    /** Every layout change a tensor needs, paid once per tensor. */
    Constraint layoutChange(ConstraintFactory factory) {
        return crossingSteps(factory, CrossingStep.Kind.LAYOUT, "Layout change");
    }

    /** A reader (consumer group or the host) that cannot receive a tensor from its producer's choice. */
    Constraint infeasibleCrossing(ConstraintFactory factory) {
        return needs(factory)
                .filter(n -> !n.feasible())
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, n -> 1L)
                .justifyWith((n, score) -> new InfeasibleCrossingJustification(n.tensor().id(), n.consumerGroup()))
                .asConstraint("Infeasible crossing");
    }

    /** The weights placed on a device must fit its memory: bytes over the capacity. */
    Constraint deviceMemory(ConstraintFactory factory) {
        return factory.forEach(GroupAssignment.class)
                .filter(a -> a.option().memoryBytes() > 0)
                .groupBy(a -> a.option().device(), sumLong(a -> a.option().memoryBytes()))
                .join(DeviceFact.class, Joiners.equal((device, bytes) -> device, DeviceFact::index),
                        Joiners.filtering((device, bytes, d) -> bytes > d.memoryCapacityBytes()))
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (device, bytes, d) -> bytes - d.memoryCapacityBytes())
                .justifyWith((device, bytes, d, score) -> new MemoryOverCapacityJustification(d.id(), bytes,
                        d.memoryCapacityBytes()))
                .asConstraint("Device memory");
    }

    /** The quantization noise of all groups must stay within the accuracy budget: ppb over the budget. */
    Constraint accuracyBudget(ConstraintFactory factory) {
        return factory.forEach(GroupAssignment.class)
                .filter(a -> a.option().noisePpb() > 0)
                .groupBy(sumLong(a -> a.option().noisePpb()))
                .join(PlacementGoal.class, Joiners.filtering((noise, goal) -> noise > goal.noiseBudgetPpb()))
                .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (noise, goal) -> noise - goal.noiseBudgetPpb())
                .justifyWith((noise, goal, score) -> new NoiseOverBudgetJustification(noise, goal.noiseBudgetPpb()))
                .asConstraint("Accuracy budget");
    }

    /**
     * Under the throughput objective, the busiest device's time per input: its groups, the conversions it performs
     * and the transfers it takes part in.
     */
    Constraint throughputBottleneck(ConstraintFactory factory) {
        UniConstraintStream<DeviceLoad> groupLoads = factory.forEach(GroupAssignment.class)
                .ifExists(PlacementGoal.class, Joiners.filtering((a, goal) -> goal.throughput()))
                .map(a -> new DeviceLoad(a.option().device(), a.option().timeNs()));
        UniConstraintStream<DeviceLoad> crossingLoads = paidSteps(factory)
                .ifExists(PlacementGoal.class, Joiners.filtering((step, goal) -> goal.throughput()))
                .flattenLast(PaidStep::loads);
        return groupLoads.concat(crossingLoads)
                .groupBy(DeviceLoad::device, sumLong(DeviceLoad::ns))
                .groupBy(max((Integer device, Long busy) -> new DeviceLoad(device, busy), BUSIEST_FIRST_BY_INDEX))
                .join(DeviceFact.class, Joiners.equal(DeviceLoad::device, DeviceFact::index))
                .penalizeLong(HardMediumSoftLongScore.ONE_MEDIUM, (busiest, device) -> busiest.ns())
                .justifyWith((busiest, device, score) -> new BottleneckJustification(device.id(), busiest.ns()))
                .asConstraint("Throughput bottleneck");
    }

    private static Constraint crossingSteps(ConstraintFactory factory, CrossingStep.Kind kind, String name) {
        return paidSteps(factory)
                .filter(step -> step.kind() == kind)
                .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, PaidStep::ns)
                .justifyWith((step, score) -> new CrossingStepJustification(step.tensor().id(),
                        step.crossingKey().name(), step.ns()))
                .asConstraint(name);
    }

    /** Each crossing step some reader of a tensor needs, once per tensor (the union of its readers' needs). */
    private static UniConstraintStream<PaidStep> paidSteps(ConstraintFactory factory) {
        return needs(factory)
                .filter(CrossingNeed::feasible)
                .flattenLast(CrossingNeed::steps)
                .distinct();
    }

    /** What every reader of every tensor needs, given the producer's and the reader's current choices. */
    private static UniConstraintStream<CrossingNeed> needs(ConstraintFactory factory) {
        UniConstraintStream<CrossingNeed> fromGroups = factory.forEach(ConsumerEdge.class)
                .filter(e -> !e.tensor().isGraphInput())
                .join(GroupAssignment.class, Joiners.equal(ConsumerEdge::producerGroup, GroupAssignment::group))
                .join(GroupAssignment.class, Joiners.equal((e, producer) -> e.consumerGroup(), GroupAssignment::group))
                .map((e, producer, consumer) -> new CrossingNeed(e.tensor(), producer.option().index(),
                        e.consumerGroup(), e.need(producer.option().index(), consumer.option().index())));
        UniConstraintStream<CrossingNeed> fromInputs = factory.forEach(ConsumerEdge.class)
                .filter(e -> e.tensor().isGraphInput())
                .join(GroupAssignment.class, Joiners.equal(ConsumerEdge::consumerGroup, GroupAssignment::group))
                .map((e, consumer) -> new CrossingNeed(e.tensor(), 0, e.consumerGroup(),
                        e.need(0, consumer.option().index())));
        UniConstraintStream<CrossingNeed> groupOutputsToHost = factory.forEach(GroupAssignment.class)
                .join(TensorFact.class, Joiners.equal(GroupAssignment::group, TensorFact::producerGroup),
                        Joiners.filtering((a, t) -> t.graphOutput()))
                .map((a, t) -> new CrossingNeed(t, a.option().index(), -1, t.hostNeed(a.option().index())));
        UniConstraintStream<CrossingNeed> inputsToHost = factory.forEach(TensorFact.class)
                .filter(t -> t.isGraphInput() && t.graphOutput())
                .map(t -> new CrossingNeed(t, 0, -1, t.hostNeed(0)));
        return fromGroups.concat(fromInputs).concat(groupOutputsToHost).concat(inputsToHost);
    }
}
