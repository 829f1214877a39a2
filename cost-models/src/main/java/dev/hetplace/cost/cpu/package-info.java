/** CPU cost models: analytical ARM kernels and the calibrated x86 host. */
package dev.hetplace.cost.cpu;
