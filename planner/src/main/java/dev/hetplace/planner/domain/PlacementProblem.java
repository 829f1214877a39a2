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

    private PlacementProblem(Builder b) {
        this.table = b.table;
        this.objective = b.objective;
        this.allowed = b.allowed.stream().map(List::copyOf).toList();
        this.noiseBudgetPpb = b.noiseBudgetPpb;
        this.memoryCapacity = Map.copyOf(b.memoryCapacity);
        this.wording = b.wording;
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
        return builder(table, objective).build();
    }

    /** A problem over {@code table}: every option allowed, no budget, no capacity limit, worded plainly, until set. */
    public static Builder builder(CostTable table, Objective objective) {
        List<List<Integer>> all = new ArrayList<>();
        for (int g = 0; g < table.groupCount(); g++) {
            List<Integer> idx = new ArrayList<>();
            for (int o = 0; o < table.options(g).size(); o++) {
                idx.add(o);
            }
            all.add(idx);
        }
        return new Builder(table, objective, all, Long.MAX_VALUE, Map.of(), Wording.PLAIN);
    }

    /** A builder holding this problem's values, to build one that differs in some. */
    public Builder toBuilder() {
        return new Builder(table, objective, allowed, noiseBudgetPpb, memoryCapacity, wording);
    }

    /** Builds a {@link PlacementProblem}; the problem built is immutable, the builder may be set and built again. */
    public static final class Builder {
        private final CostTable table;
        private Objective objective;
        private List<List<Integer>> allowed;
        private long noiseBudgetPpb;
        private Map<String, Long> memoryCapacity;
        private Wording wording;

        private Builder(CostTable table, Objective objective, List<List<Integer>> allowed, long noiseBudgetPpb,
                        Map<String, Long> memoryCapacity, Wording wording) {
            this.table = table;
            this.objective = objective;
            this.allowed = allowed;
            this.noiseBudgetPpb = noiseBudgetPpb;
            this.memoryCapacity = memoryCapacity;
            this.wording = wording;
        }

        public Builder objective(Objective o) {
            this.objective = o;
            return this;
        }

        /** The options each group may take, by index into the table's options. */
        public Builder allowed(List<List<Integer>> a) {
            this.allowed = a;
            return this;
        }

        /** The accuracy budget as total noise in ppb ({@link Long#MAX_VALUE} for none). */
        public Builder noiseBudgetPpb(long ppb) {
            this.noiseBudgetPpb = ppb;
            return this;
        }

        /** Per-device memory capacity in bytes (a device absent is unlimited). */
        public Builder memoryCapacity(Map<String, Long> cap) {
            this.memoryCapacity = cap;
            return this;
        }

        /** How the front end words the settings that narrowed the problem (its violations say them). */
        public Builder wording(Wording w) {
            this.wording = w;
            return this;
        }

        public PlacementProblem build() {
            return new PlacementProblem(this);
        }
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
