/** ONNX Runtime studies: interleaved timings, partition chains and stem layouts. */
package dev.hetplace.experiments.ort;
