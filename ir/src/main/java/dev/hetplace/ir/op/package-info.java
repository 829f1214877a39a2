/** The operators: each infers its output type and counts its own MACs and parameters. */
package dev.hetplace.ir.op;
