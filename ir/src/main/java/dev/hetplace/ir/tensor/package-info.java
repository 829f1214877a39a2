/** Tensor shapes and element types, below the operators that infer them. */
package dev.hetplace.ir.tensor;
