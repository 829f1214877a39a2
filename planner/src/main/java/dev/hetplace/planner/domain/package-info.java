/** The placement problem and its plans: options, constraints, pins and the evaluation of a plan. */
package dev.hetplace.planner.domain;
