/** Whole-model fidelity of the {@code host} platform: its measured whole-model rows against the plans' prices. */
package dev.hetplace.planner.fidelity;
