/** The calibrated GPU cost model, eager or under CUDA graphs. */
package dev.hetplace.cost.gpu;
