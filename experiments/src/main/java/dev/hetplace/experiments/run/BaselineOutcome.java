package dev.hetplace.experiments.run;

/**
 * One baseline priced on the run's cost table: its objective and latency split, and the optimum's speed-up over it
 * ({@code baseline objective / plan objective}); when it does not apply, {@code reason} says why and the figures
 * are absent.
 */
public record BaselineOutcome(String name, boolean applies, Long objectiveNs, Long totalNs, LatencySplit split,
                              Double speedup, String reason) {
}
