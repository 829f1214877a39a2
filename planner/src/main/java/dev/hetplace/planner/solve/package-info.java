/** Chooses and runs the solvers for a request: exact DP, CP-SAT, Timefold, and the bound that proves a plan. */
package dev.hetplace.planner.solve;
