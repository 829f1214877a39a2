package dev.hetplace.planner.timefold;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.ProblemFactProperty;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import java.util.List;

/**
 * A placement as Timefold sees it. Score levels: hard = minus the infeasibility (noise ppb over the budget, bytes
 * over a device's capacity, one per tensor a consumer cannot receive); medium = minus the bottleneck device's busy
 * time under the throughput objective (0 under latency); soft = minus the latency (group plus crossing time), which
 * is the objective under latency and breaks ties between equally fast pipelines under throughput, as the DP does.
 * {@link #assignments()} are in group id order, which is topological.
 */
@PlanningSolution
public class PlacementSolution {
    @ProblemFactProperty
    private PlacementGoal goal;
    @ProblemFactCollectionProperty
    private List<DeviceFact> devices;
    @ProblemFactCollectionProperty
    private List<DeviceChoice> choices;
    @ProblemFactCollectionProperty
    private List<TensorFact> tensors;
    @ProblemFactCollectionProperty
    private List<ConsumerEdge> edges;
    @PlanningEntityCollectionProperty
    private List<GroupAssignment> assignments;
    @PlanningScore
    private HardMediumSoftLongScore score;

    public PlacementSolution() {
    }

    public PlacementSolution(PlacementGoal goal, List<DeviceFact> devices, List<DeviceChoice> choices,
                             List<TensorFact> tensors, List<ConsumerEdge> edges, List<GroupAssignment> assignments) {
        this.goal = goal;
        this.devices = List.copyOf(devices);
        this.choices = List.copyOf(choices);
        this.tensors = List.copyOf(tensors);
        this.edges = List.copyOf(edges);
        this.assignments = List.copyOf(assignments);
    }

    public PlacementGoal goal() {
        return goal;
    }

    public List<DeviceFact> devices() {
        return devices;
    }

    public List<DeviceChoice> choices() {
        return choices;
    }

    public List<TensorFact> tensors() {
        return tensors;
    }

    public List<ConsumerEdge> edges() {
        return edges;
    }

    public List<GroupAssignment> assignments() {
        return assignments;
    }

    public HardMediumSoftLongScore score() {
        return score;
    }

    /** Cost-table option index per group; -1 for a group not yet assigned. */
    public int[] optionIndexes() {
        int[] result = new int[assignments.size()];
        for (GroupAssignment a : assignments) {
            GroupOption o = a.option();
            result[a.group()] = o == null ? -1 : o.index();
        }
        return result;
    }
}
