package dev.hetplace.backends.vta.sim;

/** One instruction's execution on its module, cycles {@code [start, end)}. */
public record VtaInterval(long start, long end, int instruction) {
}
