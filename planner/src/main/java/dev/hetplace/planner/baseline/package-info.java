/**
 * The plans a placement is compared with: all on the CPU in fp32, TVM's hand-written rule, greedy and one-device
 * plans.
 */
package dev.hetplace.planner.baseline;
