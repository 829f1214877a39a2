package dev.hetplace.cost;

import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;

/** Noise-to-signal power a group adds at the network output when run at a precision, in parts per billion. */
public interface NoiseModel {
    long noisePpb(GroupedGraph graph, Group group, Precision precision);

    /** True when the figures are measured on calibration inputs, false for estimates. */
    boolean measured();

    /** A short name for reports, e.g. {@code estimate (bit widths and fan-in)}. */
    String describe();
}
