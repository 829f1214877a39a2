package dev.hetplace.backends.vta.sim;

/**
 * One micro-op: the accumulator entry it writes ({@code dst}), the input entry (GEMM) or accumulator entry (ALU)
 * it reads ({@code src}) and the weight entry (GEMM only). Indices are absolute buffer entries; a GEMM or ALU
 * instruction adds its loop offsets to them.
 */
public record VtaUop(int dst, int src, int wgt) {
}
