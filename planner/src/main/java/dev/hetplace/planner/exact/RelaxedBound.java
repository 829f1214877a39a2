package dev.hetplace.planner.exact;

import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;

/**
 * A lower bound that holds for any plan: crossings relaxed to zero, every group at its cheapest allowed option;
 * for throughput, the larger of the slowest group's cheapest time and the total spread evenly over the devices.
 */
public final class RelaxedBound {
    public static final String METHOD = "crossing-free relaxation (each group at its cheapest allowed option)";

    private RelaxedBound() {
    }

    public static long of(PlacementProblem problem) {
        long sum = 0;
        long maxMin = 0;
        for (int g = 0; g < problem.groupCount(); g++) {
            long min = Long.MAX_VALUE;
            for (int o : problem.allowed(g)) {
                min = Math.min(min, problem.option(g, o).cost().timeNs());
            }
            sum += min;
            maxMin = Math.max(maxMin, min);
        }
        if (problem.objective() == Objective.LATENCY) {
            return sum;
        }
        int devices = problem.devices().size();
        return Math.max(maxMin, (sum + devices - 1) / devices);
    }
}
