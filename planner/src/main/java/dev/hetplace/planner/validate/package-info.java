/** Executes a solved plan (CPU kernels, VTA simulator or ONNX Runtime) and checks it against its prediction. */
package dev.hetplace.planner.validate;
