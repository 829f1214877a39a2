package dev.hetplace.cost;

/** Where a cost came from, in increasing order of trust. */
public enum CostSource { ANALYTICAL, SIMULATED, MEASURED }
