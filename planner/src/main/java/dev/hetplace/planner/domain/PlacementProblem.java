package dev.hetplace.planner.domain;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.Option;
import dev.hetplace.planner.setting.Wording;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cost table plus what the plan must satisfy: the objective, which options each group may take (after pins
 * and the TVM rule), the accuracy budget as total noise in parts per billion ({@link Long#MAX_VALUE} for none),
 * per-device memory capacity in bytes (absent = unlimited), and how the front end words the settings that narrowed it.
 */
public final class PlacementProblem {
    private final CostTable table;
    private final Objective objective;
    private final List<List<Integer>> allowed;
    private final long noiseBudgetPpb;
    private final Map<String, Long> memoryCapacity;
    private final List<String> devices;
    private final Wording wording;

    public PlacementProblem(CostTable table, Objective objective, List<List<Integer>> allowed, long noiseBudgetPpb,
                            Map<String, Long> memoryCapacity) {
        this(table, objective, allowed, noiseBudgetPpb, memoryCapacity, Wording.PLAIN);
    }

    private PlacementProblem(CostTable table, Objective objective, List<List<Integer>> allowed, long noiseBudgetPpb,
                             Map<String, Long> memoryCapacity, Wording wording) {
        this.wording = wording;
        this.table = table;
        this.objective = objective;
        this.allowed = allowed.stream().map(List::copyOf).toList();
        this.noiseBudgetPpb = noiseBudgetPpb;
        this.memoryCapacity = Map.copyOf(memoryCapacity);
        this.devices = table.platform().deviceIds();
        for (int g = 0; g < table.groupCount(); g++) {
            if (this.allowed.get(g).isEmpty()) {
                throw new NoFeasiblePlanException("group " + table.graph().group(g).name()
                        + " has no allowed choice left after pins and constraints");
            }
        }
    }

    /** Every option of every group allowed, no budget, no capacity limit. */
    public static PlacementProblem unconstrained(CostTable table, Objective objective) {
        List<List<Integer>> all = new ArrayList<>();
        for (int g = 0; g < table.groupCount(); g++) {
            List<Integer> idx = new ArrayList<>();
            for (int o = 0; o < table.options(g).size(); o++) {
                idx.add(o);
            }
            all.add(idx);
        }
        return new PlacementProblem(table, objective, all, Long.MAX_VALUE, Map.of());
    }

    public PlacementProblem withObjective(Objective o) {
        return new PlacementProblem(table, o, allowed, noiseBudgetPpb, memoryCapacity, wording);
    }

    public PlacementProblem withAllowed(List<List<Integer>> a) {
        return new PlacementProblem(table, objective, a, noiseBudgetPpb, memoryCapacity, wording);
    }

    public PlacementProblem withNoiseBudget(long ppb) {
        return new PlacementProblem(table, objective, allowed, ppb, memoryCapacity, wording);
    }

    public PlacementProblem withMemoryCapacity(Map<String, Long> cap) {
        return new PlacementProblem(table, objective, allowed, noiseBudgetPpb, cap, wording);
    }

    /** The same problem, its violations worded as {@code w} words settings. */
    public PlacementProblem withWording(Wording w) {
        return new PlacementProblem(table, objective, allowed, noiseBudgetPpb, memoryCapacity, w);
    }

    public Wording wording() {
        return wording;
    }

    public CostTable table() {
        return table;
    }

    public Objective objective() {
        return objective;
    }

    public List<Integer> allowed(int group) {
        return allowed.get(group);
    }

    public List<List<Integer>> allowed() {
        return allowed;
    }

    public long noiseBudgetPpb() {
        return noiseBudgetPpb;
    }

    public boolean hasNoiseBudget() {
        return noiseBudgetPpb != Long.MAX_VALUE;
    }

    public Map<String, Long> memoryCapacity() {
        return memoryCapacity;
    }

    /** Device ids of the platform, in profile order; index = position in busy and memory vectors. */
    public List<String> devices() {
        return devices;
    }

    public int deviceIndex(String id) {
        return devices.indexOf(id);
    }

    public Option option(int group, int option) {
        return table.options(group).get(option);
    }

    public int groupCount() {
        return table.groupCount();
    }
}
