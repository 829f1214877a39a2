/** The settings a user states, as typed values, and the wording each front end (place, sweep) gives them. */
package dev.hetplace.planner.setting;
