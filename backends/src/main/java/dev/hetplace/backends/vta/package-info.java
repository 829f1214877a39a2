/** VTA's cycle model: tiling, DMA, GEMM and ALU pipeline of convolutions and dense layers. */
package dev.hetplace.backends.vta;
