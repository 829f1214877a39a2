/** A run's numerics before it is solved: execution settings, calibrated model and measured noise. */
package dev.hetplace.planner.numerics;
