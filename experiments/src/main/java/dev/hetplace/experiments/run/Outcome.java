package dev.hetplace.experiments.run;

import java.util.List;

/**
 * What a successful run found, in the units the planner uses (ns, ppb): the plan's latency and objective, its
 * lower bound, gap and whether it is proven optimal, the solver that found it, predicted noise and SQNR (null for a
 * noiseless plan), its latency split, every baseline, and where the groups went. {@code accelerators} are the
 * non-CPU devices among the targets and {@code acceleratorMacShare} the share of the model's MACs placed on them;
 * {@code offAcceleratorGroups} are the groups that had a choice on one of them
 * but were placed elsewhere, and {@code offAcceleratorMacShare} their share of the model's MACs;
 * {@code higherPrecisionGroups} are those of such groups computed at more bits than the accelerators' narrowest
 * precision ({@code acceleratorPrecision}). {@code placement} is the per-group choice run-length encoded
 * ({@code cpu:fp32 vta:int8*7 ...}); {@code groupNames}, {@code groupOps} (the anchor op of each group) and
 * {@code choices} list it group by group. {@code validation} holds the figures of the plan executed on the
 * calibration inputs when the run asked for validation (null otherwise).
 */
public record Outcome(String modelName, String modelHash, String platformName, String profileHash,
                      List<String> targets, int groups, long totalMacs, long totalNs, long objectiveNs,
                      long lowerBoundNs, String boundMethod, double gap, boolean optimal, String solver,
                      long noisePpb, Double predictedSqnrDb, LatencySplit split, List<BaselineOutcome> baselines,
                      List<String> accelerators, String acceleratorPrecision, double acceleratorMacShare,
                      List<String> offAcceleratorGroups,
                      double offAcceleratorMacShare, List<String> higherPrecisionGroups, String placement,
                      List<String> groupNames, List<String> groupOps, List<String> choices, double tableMs,
                      double solveMs, ValidationFigures validation) {
    public Outcome {
        targets = List.copyOf(targets);
        baselines = List.copyOf(baselines);
        accelerators = List.copyOf(accelerators);
        offAcceleratorGroups = List.copyOf(offAcceleratorGroups);
        higherPrecisionGroups = List.copyOf(higherPrecisionGroups);
        groupNames = List.copyOf(groupNames);
        groupOps = List.copyOf(groupOps);
        choices = List.copyOf(choices);
    }

    public java.util.Optional<BaselineOutcome> baseline(String name) {
        return baselines.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
