/** Fits of kernel latencies to measured layer tables (log-linear, additive, leave-one-shape-out). */
package dev.hetplace.cost.calibration;
