package dev.hetplace.planner.timefold;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.move.AbstractMove;
import java.util.List;

/**
 * Moves several groups at once (a run of groups in topological order, or a path along consumer edges) to one
 * device or device and precision, so that the transfers between them vanish together; Timefold undoes it itself.
 */
final class SegmentMove extends AbstractMove<PlacementSolution> {
    private final String shape;
    private final List<GroupAssignment> entities;
    private final List<DeviceChoice> targets;

    SegmentMove(String shape, List<GroupAssignment> entities, List<DeviceChoice> targets) {
        this.shape = shape;
        this.entities = List.copyOf(entities);
        this.targets = List.copyOf(targets);
    }

    @Override
    public boolean isMoveDoable(ScoreDirector<PlacementSolution> scoreDirector) {
        for (int i = 0; i < entities.size(); i++) {
            if (!targets.get(i).equals(entities.get(i).getChoice())) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<PlacementSolution> scoreDirector) {
        for (int i = 0; i < entities.size(); i++) {
            GroupAssignment entity = entities.get(i);
            scoreDirector.beforeVariableChanged(entity, GroupAssignment.CHOICE);
            entity.setChoice(targets.get(i));
            scoreDirector.afterVariableChanged(entity, GroupAssignment.CHOICE);
        }
    }

    @Override
    public List<GroupAssignment> getPlanningEntities() {
        return entities;
    }

    @Override
    public List<DeviceChoice> getPlanningValues() {
        return targets;
    }

    @Override
    public String getSimpleMoveTypeDescription() {
        return "SegmentMove(" + shape + ")";
    }

    @Override
    public String toString() {
        return shape + " " + entities + " -> " + targets;
    }
}
