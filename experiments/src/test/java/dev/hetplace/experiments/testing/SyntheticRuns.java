package dev.hetplace.experiments.testing;

import dev.hetplace.experiments.run.BaselineOutcome;
import dev.hetplace.experiments.run.LatencySplit;
import dev.hetplace.experiments.run.Outcome;
import dev.hetplace.experiments.run.Outcomes;
import dev.hetplace.experiments.run.RunFunction;
import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.planner.domain.NoFeasiblePlanException;
import java.util.List;

/**
 * A run function for testing the sweep machinery without the planner: the outcome is a pure function of the run
 * (objective = 1 ms + 1 us per seed unit, a three-group plan), a budget of 99 dB fails with an error, and a
 * TVM-compatible run of resnet18 is infeasible. {@code sleepMillis} slows every run down (for the kill test).
 */
public final class SyntheticRuns implements RunFunction {
    private final long sleepMillis;

    public SyntheticRuns() {
        this(0);
    }

    public SyntheticRuns(long sleepMillis) {
        this.sleepMillis = sleepMillis;
    }

    @Override
    public Outcome apply(RunSpec run) {
        if (sleepMillis > 0) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        if (run.minSqnrDb() != null && run.minSqnrDb() == 99) {
            throw new IllegalStateException("synthetic failure\nwith a second line");
        }
        if (run.tvmCompatible() && run.model().equals("resnet18")) {
            throw new NoFeasiblePlanException("synthetic: no TVM-compatible plan");
        }
        long objective = 1_000_000 + run.seed() * 1000;
        List<String> choices = run.tvmCompatible() ? List.of("cpu:fp32", "vta:int8", "cpu:fp32")
                : List.of("cpu:fp32", "vta:int8", "vta:int8");
        LatencySplit split = new LatencySplit(objective - 3000, 2000, 500, 500);
        BaselineOutcome host = new BaselineOutcome("cpu-fp32", true, 3 * objective, 3 * objective,
                new LatencySplit(3 * objective, 0, 0, 0), 3.0, null);
        BaselineOutcome rule = new BaselineOutcome("tvm-rule", true, objective + objective / 10,
                objective + objective / 10, new LatencySplit(objective + objective / 10 - 4000, 3000, 500, 500), 1.1,
                null);
        return new Outcome(run.model(), "model-" + run.model(), run.platform(), "profile-" + run.platform(),
                List.of("cpu", "vta"), 3, 300, objective, objective, objective, "exact DP", 0, true, "exact DP",
                run.minSqnrDb() == null ? 0 : 1000, run.minSqnrDb() == null ? null : 60.0, split, List.of(host, rule),
                List.of("vta"), "int8", choices.get(2).startsWith("cpu") ? 0.5 : 0.75, choices.get(2).startsWith("cpu") ? List.of("g0", "g2") : List.of("g0"),
                choices.get(2).startsWith("cpu") ? 0.5 : 0.25, List.of("g0"), Outcomes.runLength(choices),
                List.of("g0", "g1", "g2"), List.of("conv2d", "conv2d", "dense"), choices, 0.5, 0.25, null);
    }
}
