/** Explanations of a plan: each group's alternatives, crossings and break-even points. */
package dev.hetplace.planner.explain;
