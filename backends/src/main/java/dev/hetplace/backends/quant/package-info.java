/** Quantization parameters, calibration modes and requantization as TVM and VTA do it. */
package dev.hetplace.backends.quant;
