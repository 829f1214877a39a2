package dev.hetplace.planner.timefold;

import dev.hetplace.cost.CrossingStep;
import java.util.ArrayList;
import java.util.List;

/** Crossing step {@code key} of a tensor, produced under {@code producerOption}: paid once however many need it. */
record PaidStep(TensorFact tensor, int producerOption, int key) {
    CrossingKey crossingKey() {
        return tensor.keys().get(key);
    }

    CrossingStep.Kind kind() {
        return crossingKey().kind();
    }

    long ns() {
        return tensor.ns(producerOption, key);
    }

    /** The busy time this step adds to each device it keeps busy. */
    List<DeviceLoad> loads() {
        List<Integer> devices = crossingKey().devices();
        List<DeviceLoad> loads = new ArrayList<>(devices.size());
        long ns = ns();
        for (int d : devices) {
            loads.add(new DeviceLoad(d, ns));
        }
        return loads;
    }
}
