/** What TVM can build: the regions and rules a TVM-compatible plan must follow. */
package dev.hetplace.planner.tvm.rules;
