package dev.hetplace.planner.timefold;

import java.util.List;

/**
 * A tensor crossing group boundaries: produced by group {@code producerGroup} ({@code -1} for a graph input, whose
 * single producer option 0 is the host), with the steps it may pay ({@code keys}), their costs per producer option
 * ({@code keyNs[producerOption][key]}) and, for a graph output, the mask of steps back to the host per producer
 * option ({@code hostNeed}; all 0 otherwise). The arrays are never modified; equality is by {@code id}.
 */
public record TensorFact(int id, int producerGroup, boolean graphOutput, List<CrossingKey> keys, long[][] keyNs,
                         long[] hostNeed) {
    public TensorFact {
        keys = List.copyOf(keys);
    }

    public boolean isGraphInput() {
        return producerGroup < 0;
    }

    public long ns(int producerOption, int key) {
        return keyNs[producerOption][key];
    }

    public long hostNeed(int producerOption) {
        return hostNeed[producerOption];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorFact other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(id);
    }

    @Override
    public String toString() {
        return "tensor#" + id;
    }
}
