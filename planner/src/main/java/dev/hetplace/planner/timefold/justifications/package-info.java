/** Why Timefold scored a plan as it did, one justification per constraint. */
package dev.hetplace.planner.timefold.justifications;
