/** How well the calibrated cost models predict what was measured (place calibrate). */
package dev.hetplace.cost.fidelity;
