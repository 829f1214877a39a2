package dev.hetplace.planner.validate;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.ExecutionResult;
import dev.hetplace.backends.sensitivity.CalibratedModel;

/**
 * How validation executes a plan, VTA groups included. The CPU int8 kernels implement VTA's arithmetic bit for
 * bit, so {@link #CPU_KERNELS} runs VTA groups on them; a VTA simulator plugs in as another implementation
 * (chosen by a {@code --simulate-vta} option once it exists).
 */
public interface PlanExecution {
    PlanExecution CPU_KERNELS = new PlanExecution() {
        @Override
        public ExecutionResult run(CalibratedModel model, ExecutionPlan plan, float[][] sample, Parallel par) {
            return model.executor(par).run(model.grouped(), plan, sample);
        }

        @Override
        public String describe() {
            return "VTA groups on the CPU int8 kernels (same arithmetic)";
        }
    };

    /** Executes every group of {@code plan} on one input sample. */
    ExecutionResult run(CalibratedModel model, ExecutionPlan plan, float[][] sample, Parallel par);

    /** For reports: how VTA groups were executed. */
    String describe();
}
