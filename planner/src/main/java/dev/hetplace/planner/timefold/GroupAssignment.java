package dev.hetplace.planner.timefold;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;
import java.util.List;

/**
 * The planning entity: one per group, whose planning variable {@code choice} ranges over the group's allowed
 * choices only. {@link #option()} is the priced cost-table option behind the current choice.
 */
@PlanningEntity
public class GroupAssignment {
    public static final String CHOICE = "choice";

    @PlanningId
    private Integer group;
    private String name;
    private List<DeviceChoice> allowedChoices;
    /** Indexed by {@link DeviceChoice#id()}; null where the group has no such option. */
    private GroupOption[] optionByChoice;

    @PlanningVariable(valueRangeProviderRefs = "allowedChoices")
    private DeviceChoice choice;

    public GroupAssignment() {
    }

    public GroupAssignment(int group, String name, List<DeviceChoice> allowedChoices, GroupOption[] optionByChoice) {
        this.group = group;
        this.name = name;
        this.allowedChoices = List.copyOf(allowedChoices);
        this.optionByChoice = optionByChoice;
    }

    public int group() {
        return group;
    }

    public String name() {
        return name;
    }

    @ValueRangeProvider(id = "allowedChoices")
    public List<DeviceChoice> getAllowedChoices() {
        return allowedChoices;
    }

    public DeviceChoice getChoice() {
        return choice;
    }

    public void setChoice(DeviceChoice choice) {
        this.choice = choice;
    }

    /** The priced option of the current choice (null while unassigned). */
    public GroupOption option() {
        return choice == null ? null : optionByChoice[choice.id()];
    }

    /** The priced option this group would have under {@code c}, or null when the group cannot take it. */
    public GroupOption optionFor(DeviceChoice c) {
        return c.id() < optionByChoice.length ? optionByChoice[c.id()] : null;
    }

    @Override
    public String toString() {
        return name + "=" + choice;
    }
}
