package dev.hetplace.backends.exec;

import java.util.Map;
import java.util.Optional;

/**
 * Where the factors that normalize one graph's synthetic weights for one seed and one set of inputs (one per conv /
 * dense layer, by layer name) are kept between runs, so that a later run scales the drawn weights without the
 * forward pass that measured them.
 */
public interface WeightScaleStore {
    /** Keeps nothing: every run measures the factors. */
    WeightScaleStore NONE = new WeightScaleStore() {
        @Override
        public Optional<Map<String, Float>> load() {
            return Optional.empty();
        }

        @Override
        public void save(Map<String, Float> factors) {
        }
    };

    /** The factors kept, when there are intact ones. */
    Optional<Map<String, Float>> load();

    void save(Map<String, Float> factors);
}
