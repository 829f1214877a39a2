package dev.hetplace.planner.validate;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.ExecutionResult;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Platform;
import java.util.List;

/**
 * How validation executes a plan, VTA groups included. The CPU int8 kernels implement VTA's arithmetic bit for
 * bit, so {@link #CPU_KERNELS} runs VTA groups on them; {@link SimulatedVta} ({@code --simulate-vta}) runs them
 * on the VTA simulator.
 */
public interface PlanExecution {
    PlanExecution CPU_KERNELS = new PlanExecution() {
        @Override
        public ExecutionResult run(CalibratedModel model, ExecutionPlan plan, float[][] sample, Platform platform,
                                   Parallel par) {
            return model.executor(par).run(model.grouped(), plan, sample);
        }

        @Override
        public String describe(ExecutionPlan plan) {
            return "VTA groups on the CPU int8 kernels (same arithmetic)";
        }
    };

    /** Executes every group of {@code plan} (whose devices are {@code platform}'s) on one input sample. */
    ExecutionResult run(CalibratedModel model, ExecutionPlan plan, float[][] sample, Platform platform,
                        Parallel par);

    /** For reports: how the VTA groups of {@code plan} were executed (after {@link #run}). */
    String describe(ExecutionPlan plan);

    /** The fp32 model's outputs on one sample, which the plan's are compared with: the CPU kernels by default. */
    default List<float[]> reference(CalibratedModel model, float[][] sample, Parallel par) {
        return model.executor(par).runFp32(model.graph(), sample);
    }
}
