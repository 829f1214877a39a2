/** The ONNX export of a plan (QDQ int8, casts, device partitions) and its runs in ONNX Runtime. */
package dev.hetplace.planner.onnx;
