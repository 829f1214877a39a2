/** VTA's cost models: the analytical tiling model and the simulated one. */
package dev.hetplace.cost.vta;
