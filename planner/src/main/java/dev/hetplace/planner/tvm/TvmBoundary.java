package dev.hetplace.planner.tvm;

/**
 * One end of graph_pack's region: the {@code occurrence}-th call (0 = first) of {@code opName} in TVM's visit
 * order, an op that quantization neither adds nor removes, so that the count is the same in the float and the
 * quantized program. {@code globalPool}: the op is the model's global average pool, which the snippet names as the
 * frontend emitted it ({@code nn.global_avg_pool2d}; {@code from_pytorch} emits {@code nn.adaptive_avg_pool2d}).
 */
public record TvmBoundary(String opName, int occurrence, boolean globalPool) {
}
