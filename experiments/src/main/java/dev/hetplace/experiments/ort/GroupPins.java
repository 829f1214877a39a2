package dev.hetplace.experiments.ort;

import dev.hetplace.cost.CostTable;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.run.ModelInput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Pins that fix every group of a model to a device and precision, addressed by the group's anchor layer as
 * {@code place inspect} numbers it ({@code #12}: a group named like TVM's {@code convN} would otherwise be read as
 * TVM's counting), each checked to resolve back to its group.
 */
final class GroupPins {
    private final ModelInput model;
    private final CostTable table;

    GroupPins(ModelInput model, CostTable table) {
        this.model = model;
        this.table = table;
    }

    int groups() {
        return table.groupCount();
    }

    /** The op of group {@code g}'s anchor layer ({@code conv2d}, {@code dense}, {@code add}, ...). */
    String op(int g) {
        var grouped = table.graph();
        return grouped.anchor(grouped.group(g)).op().name();
    }

    /** Whether group {@code g} has an option on {@code device} at {@code precision}. */
    boolean offers(int g, String device, Precision precision) {
        return table.options(g).stream().anyMatch(o -> o.choice().device().equals(device)
                && o.choice().precision() == precision);
    }

    /** The index of group {@code g}'s first conv2d group (the stem), or -1. */
    int stem() {
        for (int g = 0; g < groups(); g++) {
            if (op(g).equals("conv2d")) {
                return g;
            }
        }
        return -1;
    }

    /** One pin per group: {@code choice.apply(g)} is its {@code device:precision}. */
    List<String> pins(IntFunction<String> choice) {
        List<String> out = new ArrayList<>();
        for (int g = 0; g < groups(); g++) {
            out.add(ref(g) + "=" + choice.apply(g));
        }
        return out;
    }

    /** {@code #N}, N the loaded graph's index of group {@code g}'s anchor layer. */
    String ref(int g) {
        var grouped = table.graph();
        String name = grouped.anchor(grouped.group(g)).name();
        Integer id = model.loaded().idOf(name);
        String ref = "#" + id;
        if (id == null || model.groupOf(ref) != g) {
            throw new IllegalStateException("group " + grouped.group(g).name() + " has no layer reference that"
                    + " resolves to it");
        }
        return ref;
    }
}
