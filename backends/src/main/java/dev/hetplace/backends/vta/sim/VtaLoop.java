package dev.hetplace.backends.vta.sim;

/**
 * One loop of a uop nest: its extent and what one iteration adds to the accumulator ({@code dst}), source
 * ({@code src}) and weight ({@code wgt}) indices.
 */
record VtaLoop(int extent, int dst, int src, int wgt) {
    static final VtaLoop NONE = new VtaLoop(1, 0, 0, 0);
}
