package dev.hetplace.planner.timefold;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.api.solver.phase.PhaseCommand;
import java.util.function.BooleanSupplier;

/** A custom phase that starts the search from a given plan (the exact DP's), option index per group. */
final class DpSeedPhase implements PhaseCommand<PlacementSolution> {
    private final int[] optionIndexes;

    DpSeedPhase(int[] optionIndexes) {
        this.optionIndexes = optionIndexes.clone();
    }

    @Override
    public void changeWorkingSolution(ScoreDirector<PlacementSolution> scoreDirector, BooleanSupplier isTerminated) {
        for (GroupAssignment a : scoreDirector.getWorkingSolution().assignments()) {
            DeviceChoice c = PlacementSolutionFactory.choiceOf(a, optionIndexes[a.group()]);
            if (!c.equals(a.getChoice())) {
                scoreDirector.beforeVariableChanged(a, GroupAssignment.CHOICE);
                a.setChoice(c);
                scoreDirector.afterVariableChanged(a, GroupAssignment.CHOICE);
            }
        }
        scoreDirector.triggerVariableListeners();
    }
}
