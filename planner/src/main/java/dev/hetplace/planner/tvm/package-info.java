/** The TVM export: a Relay/VTA build script that builds the plan as it was priced. */
package dev.hetplace.planner.tvm;
