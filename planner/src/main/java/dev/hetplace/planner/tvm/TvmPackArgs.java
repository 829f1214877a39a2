package dev.hetplace.planner.tvm;

import java.util.List;

/**
 * The TVM arguments a plan maps to: qconfig's {@code skip_conv_layers} (indices in TVM's visit order) and
 * {@code skip_dense_layer}, and graph_pack's start and stop. {@code stop} is null when the region runs to the
 * graph's end (the snippet then appends a {@code copy} to stop at).
 */
public record TvmPackArgs(List<Integer> skipConvLayers, boolean skipDenseLayer, TvmBoundary start, TvmBoundary stop,
                          int blockIn, int blockOut) {
    public TvmPackArgs {
        skipConvLayers = List.copyOf(skipConvLayers);
    }

    public boolean toEnd() {
        return stop == null;
    }
}
