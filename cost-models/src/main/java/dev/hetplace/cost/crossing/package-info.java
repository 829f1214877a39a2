/** Prices of moving and converting tensors between devices and precisions. */
package dev.hetplace.cost.crossing;
