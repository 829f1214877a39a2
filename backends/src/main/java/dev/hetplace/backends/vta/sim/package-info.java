/** A bit-exact functional simulator of VTA: instruction lowering, DRAM layout, execution and counters. */
package dev.hetplace.backends.vta.sim;
