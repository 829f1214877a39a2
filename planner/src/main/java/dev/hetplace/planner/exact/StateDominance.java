package dev.hetplace.planner.exact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dominance between DP states: two states whose live tensors have the same producers differ only in the crossing
 * steps already paid. A state that has paid a superset of another's steps faces every future crossing at most as
 * dearly, so each of its labels removes the other state's labels it dominates.
 */
final class StateDominance {
    private StateDominance() {
    }

    static void prune(Map<StateKey, List<Label>> states, boolean busy, boolean noise, boolean memory) {
        Map<ProducerVector, List<StateKey>> byProducers = new HashMap<>();
        for (StateKey k : states.keySet()) {
            byProducers.computeIfAbsent(new ProducerVector(k.producerOption()), v -> new ArrayList<>()).add(k);
        }
        boolean useLatency = !busy;
        for (List<StateKey> same : byProducers.values()) {
            if (same.size() < 2) {
                continue;
            }
            for (StateKey strong : same) {
                List<Label> strongLabels = states.get(strong);
                if (strongLabels.isEmpty()) {
                    continue;
                }
                for (StateKey weak : same) {
                    if (weak == strong || !covers(strong.paid(), weak.paid())) {
                        continue;
                    }
                    states.get(weak).removeIf(w -> strongLabels.stream()
                            .anyMatch(l -> l.dominates(w, busy, useLatency, noise, memory)));
                }
            }
        }
        states.values().removeIf(List::isEmpty);
    }

    private static boolean covers(long[] more, long[] less) {
        for (int i = 0; i < more.length; i++) {
            if ((less[i] & ~more[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private record ProducerVector(int[] options) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ProducerVector v && Arrays.equals(options, v.options);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(options);
        }
    }
}
