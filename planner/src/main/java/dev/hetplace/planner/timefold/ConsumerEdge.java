package dev.hetplace.planner.timefold;

/**
 * A tensor read by one consumer group: {@code need[producerOption][consumerOption]} is the mask of the tensor's
 * crossing steps that consumer option needs ({@link dev.hetplace.cost.CostTable#INFEASIBLE} when it cannot receive
 * the tensor), options indexed as in the cost table. Equality is by tensor id and consumer.
 */
public record ConsumerEdge(TensorFact tensor, int consumerGroup, long[][] need) {
    public int producerGroup() {
        return tensor.producerGroup();
    }

    public long need(int producerOption, int consumerOption) {
        return need[producerOption][consumerOption];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsumerEdge other && other.tensor.id() == tensor.id()
                && other.consumerGroup == consumerGroup;
    }

    @Override
    public int hashCode() {
        return 31 * tensor.id() + consumerGroup;
    }

    @Override
    public String toString() {
        return tensor + "->group#" + consumerGroup;
    }
}
