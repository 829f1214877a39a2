package dev.hetplace.planner;

import dev.hetplace.benchmarks.ShortRuns;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.CostTableBuilder;
import dev.hetplace.cost.EstimatedNoise;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.models.DeviceCostModels;
import dev.hetplace.cost.vta.VtaCostModel;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.exact.ExactResult;
import dev.hetplace.planner.exact.ExactSolver;
import dev.hetplace.planner.timefold.TimefoldPlacementSolver;
import dev.hetplace.planner.timefold.TimefoldResult;
import dev.hetplace.planner.timefold.TimefoldSettings;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The two solvers on the latency problem of a zoo model (batch norm folded, batch 1) on a built-in platform, all
 * its devices and precisions, no constraints: the exact DP at its default budgets, and a seeded (reproducible)
 * Timefold run of {@code steps} local search steps from the DP's plan, as {@code --solver auto} refines a beam.
 */
public class SolverBenchmark extends ShortRuns {
    @Param("resnet50")
    public String model;

    @Param("pynq-z1")
    public String platform;

    @Param("1000")
    public int steps;

    private PlacementProblem problem;
    private int[] dpPlan;

    @Setup
    public void setUp() {
        Platform p = Profiles.builtIn(platform);
        DeviceCostModels models = new DeviceCostModels(GpuTiming.EAGER, new VtaCostModel());
        CostTable table = new CostTableBuilder(Grouping.apply(BatchNormFolding.apply(ModelZoo.build(model))), p,
                p.deviceIds(), Set.of(), 1, models.groups(), models.crossings(), new EstimatedNoise()).build();
        problem = PlacementProblem.unconstrained(table, Objective.LATENCY);
        dpPlan = exactDp().choice();
    }

    @Benchmark
    public ExactResult exactDp() {
        return new ExactSolver().solve(problem);
    }

    @Benchmark
    public TimefoldResult timefoldSteps() {
        return TimefoldPlacementSolver.solve(problem, TimefoldSettings.reproducible(1, steps), dpPlan);
    }
}
