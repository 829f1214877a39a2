package dev.hetplace.cost;

import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Platform;
import dev.hetplace.ir.GroupedGraph;
import java.util.List;
import java.util.Map;

/**
 * Everything a solver needs, computed once before solving: each group's feasible {@link Option}s and, for each
 * tensor crossing group boundaries, the steps it pays per producer option. A crossing step is identified by a
 * key per tensor; consumer option {@code c} of group {@code g} needs the keys in {@code needMask(t, g, p, c)}
 * ({@link #INFEASIBLE} when it cannot receive the tensor at all), and the tensor pays each key once whatever
 * number of consumers need it. Graph inputs have one producer option, {@link #HOST}; graph outputs must reach
 * the host too ({@link #hostNeedMask}).
 */
public final class CostTable {
    /** Need mask of a consumer option that cannot receive the tensor from that producer option. */
    public static final long INFEASIBLE = -1L;

    private final GroupedGraph graph;
    private final Platform platform;
    private final Choice host;
    private final int batch;
    private final List<List<Option>> options;
    private final List<TensorInfo> tensors;
    private final int[] outputTensorOfGroup;
    private final List<List<Integer>> inputTensorsOfGroup;
    private final List<List<CrossingStep>> keys;
    private final long[][][] keyCost;
    private final List<Map<Integer, long[][]>> needMasks;
    private final long[][] hostNeed;
    private final String noiseSource;
    private final boolean noiseMeasured;
    private final Map<String, String> stepNotes;

    CostTable(GroupedGraph graph, Platform platform, Choice host, int batch, List<List<Option>> options,
              List<TensorInfo> tensors, int[] outputTensorOfGroup, List<List<Integer>> inputTensorsOfGroup,
              List<List<CrossingStep>> keys, long[][][] keyCost, List<Map<Integer, long[][]>> needMasks,
              long[][] hostNeed, String noiseSource, boolean noiseMeasured, Map<String, String> stepNotes) {
        this.graph = graph;
        this.platform = platform;
        this.host = host;
        this.batch = batch;
        this.options = options;
        this.tensors = tensors;
        this.outputTensorOfGroup = outputTensorOfGroup;
        this.inputTensorsOfGroup = inputTensorsOfGroup;
        this.keys = keys;
        this.keyCost = keyCost;
        this.needMasks = needMasks;
        this.hostNeed = hostNeed;
        this.noiseSource = noiseSource;
        this.noiseMeasured = noiseMeasured;
        this.stepNotes = Map.copyOf(stepNotes);
    }

    /** Where a crossing step's price comes from, for the steps that say (pool edges), by step key. */
    public Map<String, String> stepNotes() {
        return stepNotes;
    }

    public GroupedGraph graph() {
        return graph;
    }

    public Platform platform() {
        return platform;
    }

    /** Where graph inputs come from and outputs go: the host CPU in fp32, plain layout. */
    public Choice host() {
        return host;
    }

    public int batch() {
        return batch;
    }

    public int groupCount() {
        return options.size();
    }

    public List<Option> options(int group) {
        return options.get(group);
    }

    public List<TensorInfo> tensors() {
        return tensors;
    }

    public TensorInfo tensor(int id) {
        return tensors.get(id);
    }

    public int outputTensor(int group) {
        return outputTensorOfGroup[group];
    }

    public List<Integer> inputTensors(int group) {
        return inputTensorsOfGroup.get(group);
    }

    /** Number of producer options of a tensor (1 for a graph input). */
    public int producerOptions(int tensor) {
        TensorInfo t = tensors.get(tensor);
        return t.isGraphInput() ? 1 : options.get(t.producer()).size();
    }

    /** The distinct crossing steps a tensor may pay, indexed as in need masks (at most 64). */
    public List<CrossingStep> keys(int tensor) {
        return keys.get(tensor);
    }

    public long keyCost(int tensor, int producerOption, int key) {
        return keyCost[tensor][producerOption][key];
    }

    public long needMask(int tensor, int consumerGroup, int producerOption, int consumerOption) {
        return needMasks.get(tensor).get(consumerGroup)[producerOption][consumerOption];
    }

    /** All need masks of one consumer of a tensor, [producer option][consumer option]; read only. */
    public long[][] needMatrix(int tensor, int consumerGroup) {
        return needMasks.get(tensor).get(consumerGroup);
    }

    public long hostNeedMask(int tensor, int producerOption) {
        return hostNeed[tensor][producerOption];
    }

    /** Sum of the costs of the keys in {@code mask} for a tensor from a producer option. */
    public long maskCost(int tensor, int producerOption, long mask) {
        long sum = 0;
        long[] costs = keyCost[tensor][producerOption];
        for (long m = mask; m != 0; m &= m - 1) {
            sum += costs[Long.numberOfTrailingZeros(m)];
        }
        return sum;
    }

    /** True when some group has an option on this device (it is among the targets and runs something). */
    public boolean offersDevice(String device) {
        for (List<Option> opts : options) {
            for (Option o : opts) {
                if (o.choice().device().equals(device)) {
                    return true;
                }
            }
        }
        return false;
    }

    public String noiseSource() {
        return noiseSource;
    }

    /** Whether the groups' noise was measured by executing the model ({@link NoiseModel#measured()}). */
    public boolean noiseMeasured() {
        return noiseMeasured;
    }
}
