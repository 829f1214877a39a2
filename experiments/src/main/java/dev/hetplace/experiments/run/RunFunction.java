package dev.hetplace.experiments.run;

import dev.hetplace.experiments.spec.RunSpec;
import java.util.function.Function;

/**
 * Turns one run into its outcome, throwing on failure ({@link dev.hetplace.planner.domain.NoFeasiblePlanException} when no
 * plan meets the constraints). Runs with equal {@link #affinity} share expensive inputs (a cost table): the sweep
 * runs them one after another on one thread so the second finds the first's work cached.
 */
@FunctionalInterface
public interface RunFunction extends Function<RunSpec, Outcome> {
    default Object affinity(RunSpec run) {
        return run.hash();
    }
}
