package dev.hetplace.planner.timefold;

import dev.hetplace.cost.CostTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The crossing steps ({@code mask}) one reader of a tensor needs, given the producer's option: a consumer group,
 * or the host ({@code consumerGroup == -1}) for a graph output.
 */
record CrossingNeed(TensorFact tensor, int producerOption, int consumerGroup, long mask) {
    boolean feasible() {
        return mask != CostTable.INFEASIBLE;
    }

    List<PaidStep> steps() {
        List<PaidStep> steps = new ArrayList<>(Long.bitCount(mask));
        for (long m = mask; m != 0; m &= m - 1) {
            steps.add(new PaidStep(tensor, producerOption, Long.numberOfTrailingZeros(m)));
        }
        return steps;
    }
}
