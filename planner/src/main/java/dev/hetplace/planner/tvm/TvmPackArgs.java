package dev.hetplace.planner.tvm;

import java.util.List;

/**
 * The TVM arguments a plan maps to. Occurrences count Relay calls of that op name before the one meant (0 =
 * first); {@code startCount} / {@code stopCount} are how many such calls the model has, so an index is needed
 * only where the count exceeds 1. {@code stopName} is null when the region runs to the end.
 */
public record TvmPackArgs(List<Integer> skipConvLayers, boolean skipDenseLayer, String startName, int startOccurrence,
                          int startCount, String stopName, int stopOccurrence, int stopCount, int blockIn,
                          int blockOut) {
    public TvmPackArgs {
        skipConvLayers = List.copyOf(skipConvLayers);
    }
}
