/** Exact solvers: the dynamic program over live tensors, its relaxed bound, and the CP-SAT model. */
package dev.hetplace.planner.exact;
