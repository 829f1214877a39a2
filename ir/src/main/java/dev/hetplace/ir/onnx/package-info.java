/** ONNX import: shape inference, constant folding and the mapping of ONNX nodes onto IR operators. */
package dev.hetplace.ir.onnx;
