package dev.hetplace.cost;

import java.util.List;

/**
 * A tensor crossing group boundaries: the output of group {@code producer} (or a graph input when
 * {@code producer == -1}), read by {@code consumers} (group ids, ascending); {@code graphOutput} when the host
 * reads it back as a result.
 */
public record TensorInfo(int id, int layer, int producer, long elements, List<Integer> consumers, boolean graphOutput) {
    public TensorInfo {
        consumers = List.copyOf(consumers);
    }

    public boolean isGraphInput() {
        return producer < 0;
    }
}
