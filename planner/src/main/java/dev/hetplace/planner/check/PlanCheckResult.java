package dev.hetplace.planner.check;

import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.ir.GroupedGraph;

/**
 * A re-priced plan: its recorded and recomputed end-to-end time, any constraint it now breaks, and the plan as the
 * executor and the ONNX export take it, over the model it was checked against.
 */
public record PlanCheckResult(String model, String platform, int groups, long recordedNs, long recomputedNs,
                              String violation, GroupedGraph grouped, ExecutionPlan execution) {
}
