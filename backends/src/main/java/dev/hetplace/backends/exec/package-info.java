/** Executes a grouped model under a plan of precisions: weights, calibration inputs and per-group statistics. */
package dev.hetplace.backends.exec;
