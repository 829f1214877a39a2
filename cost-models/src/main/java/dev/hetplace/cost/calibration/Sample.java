package dev.hetplace.cost.calibration;

/** A measured kernel: its shape and median time in microseconds. */
public record Sample(KernelShape shape, double us) {
}
