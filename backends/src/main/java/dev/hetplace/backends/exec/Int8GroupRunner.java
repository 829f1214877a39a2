package dev.hetplace.backends.exec;

import dev.hetplace.backends.cpu.Int8Tensor;
import dev.hetplace.hw.Choice;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import java.util.Map;
import java.util.Optional;

/**
 * Executes a whole int8 group some other way than the CPU int8 kernels (the VTA simulator), with the same
 * arithmetic: the executor hands it the group's inputs as int8 tensors (at their producers' scales) and the
 * kernels whose quantized weights and activation scales it must use. Empty means "not mine": the executor runs
 * the group on the CPU int8 kernels.
 */
@FunctionalInterface
public interface Int8GroupRunner {
    /** Never runs anything: every group on the CPU int8 kernels. */
    Int8GroupRunner CPU_KERNELS = (grouped, group, choice, inputs, kernels) -> Optional.empty();

    /**
     * The int8 output of {@code group} (its output layer's shape, at that layer's calibrated scale), or empty.
     * {@code inputs} maps each layer id the group reads from outside to its int8 value.
     */
    Optional<Int8Tensor> run(GroupedGraph grouped, Group group, Choice choice, Map<Integer, Int8Tensor> inputs,
                             LayerKernels kernels);
}
