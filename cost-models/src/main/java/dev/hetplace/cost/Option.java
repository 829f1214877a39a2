package dev.hetplace.cost;

import dev.hetplace.hw.Choice;

/**
 * One feasible choice for one group with its price: the group's cost, the device memory its weights take
 * ({@code memoryBytes}), and the quantization noise it adds at the output in parts per billion of signal power
 * ({@code noisePpb}; 0 for fp32), {@code noiseMeasured} false when that noise is an estimate.
 */
public record Option(Choice choice, Cost cost, long memoryBytes, long noisePpb, boolean noiseMeasured) {
}
