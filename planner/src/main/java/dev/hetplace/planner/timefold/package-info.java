/** Timefold's view of the problem: planning entities, constraints, moves and the DP-seeded phase. */
package dev.hetplace.planner.timefold;
