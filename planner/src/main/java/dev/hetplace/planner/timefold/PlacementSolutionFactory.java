package dev.hetplace.planner.timefold;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.CrossingStep;
import dev.hetplace.cost.Option;
import dev.hetplace.cost.TensorInfo;
import dev.hetplace.hw.Choice;
import dev.hetplace.planner.domain.PlacementProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a {@link PlacementProblem} into an unassigned {@link PlacementSolution} and assigns given plans to it. */
public final class PlacementSolutionFactory {
    private PlacementSolutionFactory() {
    }

    public static PlacementSolution unassigned(PlacementProblem problem) {
        CostTable t = problem.table();
        List<String> deviceIds = problem.devices();
        List<DeviceFact> devices = new ArrayList<>();
        for (int d = 0; d < deviceIds.size(); d++) {
            devices.add(new DeviceFact(d, deviceIds.get(d),
                    problem.memoryCapacity().getOrDefault(deviceIds.get(d), Long.MAX_VALUE)));
        }
        Map<Choice, DeviceChoice> byChoice = new TreeMap<>();
        for (int g = 0; g < t.groupCount(); g++) {
            for (int o : problem.allowed(g)) {
                byChoice.putIfAbsent(t.options(g).get(o).choice(), null);
            }
        }
        List<DeviceChoice> choices = new ArrayList<>();
        for (Choice c : byChoice.keySet()) {
            DeviceChoice dc = new DeviceChoice(choices.size(), c, problem.deviceIndex(c.device()));
            choices.add(dc);
            byChoice.put(c, dc);
        }
        List<GroupAssignment> assignments = new ArrayList<>();
        for (int g = 0; g < t.groupCount(); g++) {
            GroupOption[] optionByChoice = new GroupOption[choices.size()];
            List<DeviceChoice> allowed = new ArrayList<>();
            for (int o : problem.allowed(g)) {
                Option option = t.options(g).get(o);
                DeviceChoice dc = byChoice.get(option.choice());
                allowed.add(dc);
                optionByChoice[dc.id()] = new GroupOption(g, o, dc.id(), dc.device(), option.cost().timeNs(),
                        option.memoryBytes(), option.noisePpb());
            }
            assignments.add(new GroupAssignment(g, t.graph().group(g).name(), allowed, optionByChoice));
        }
        List<TensorFact> tensors = new ArrayList<>();
        List<ConsumerEdge> edges = new ArrayList<>();
        for (TensorInfo info : t.tensors()) {
            TensorFact tensor = tensor(problem, info);
            tensors.add(tensor);
            for (int consumer : info.consumers()) {
                int producerOptions = t.producerOptions(info.id());
                long[][] need = new long[producerOptions][t.options(consumer).size()];
                for (int p = 0; p < producerOptions; p++) {
                    for (int c = 0; c < need[p].length; c++) {
                        need[p][c] = t.needMask(info.id(), consumer, p, c);
                    }
                }
                edges.add(new ConsumerEdge(tensor, consumer, need));
            }
        }
        return new PlacementSolution(new PlacementGoal(problem.objective(), problem.noiseBudgetPpb()), devices,
                choices, tensors, edges, assignments);
    }

    private static TensorFact tensor(PlacementProblem problem, TensorInfo info) {
        CostTable t = problem.table();
        List<CrossingStep> steps = t.keys(info.id());
        List<CrossingKey> keys = new ArrayList<>();
        for (int k = 0; k < steps.size(); k++) {
            CrossingStep s = steps.get(k);
            keys.add(new CrossingKey(k, s.kind(), s.key(), s.devices().stream().map(problem::deviceIndex).toList()));
        }
        int producerOptions = t.producerOptions(info.id());
        long[][] keyNs = new long[producerOptions][steps.size()];
        long[] hostNeed = new long[producerOptions];
        for (int p = 0; p < producerOptions; p++) {
            for (int k = 0; k < steps.size(); k++) {
                keyNs[p][k] = t.keyCost(info.id(), p, k);
            }
            hostNeed[p] = info.graphOutput() ? t.hostNeedMask(info.id(), p) : 0L;
        }
        return new TensorFact(info.id(), info.producer(), info.graphOutput(), keys, keyNs, hostNeed);
    }

    /**
     * Sets every group of {@code solution} to the option {@code optionIndexes[g]} of the cost table (outside a
     * solver: no score director is told).
     */
    public static void assign(PlacementSolution solution, int[] optionIndexes) {
        for (GroupAssignment a : solution.assignments()) {
            a.setChoice(choiceOf(a, optionIndexes[a.group()]));
        }
    }

    /** The choice that gives group {@code a} its cost-table option {@code optionIndex}. */
    public static DeviceChoice choiceOf(GroupAssignment a, int optionIndex) {
        for (DeviceChoice c : a.getAllowedChoices()) {
            if (a.optionFor(c).index() == optionIndex) {
                return c;
            }
        }
        throw new IllegalArgumentException("group " + a.name() + " is not allowed option #" + optionIndex);
    }
}
