package dev.hetplace.cost;

/**
 * A kernel a runtime runs only where two precisions meet at a group (ONNX Runtime's plain uint8 max pool where a
 * float tensor meets an int8 pool), priced in nanoseconds for the whole batch, with where the price comes from.
 */
public record EdgeKernel(long ns, String note) {
}
