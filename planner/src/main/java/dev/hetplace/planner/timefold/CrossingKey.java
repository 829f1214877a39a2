package dev.hetplace.planner.timefold;

import dev.hetplace.cost.CrossingStep;
import java.util.List;

/**
 * One crossing step a tensor may pay, at its bit {@code index} in the tensor's need masks: its kind, its name
 * (e.g. {@code cast:int8@cpu}) and the indexes of the devices it keeps busy.
 */
public record CrossingKey(int index, CrossingStep.Kind kind, String name, List<Integer> devices) {
    public CrossingKey {
        devices = List.copyOf(devices);
    }
}
