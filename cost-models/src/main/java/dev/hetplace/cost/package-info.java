/** Cost tables: every group's price on every device and precision, and the crossings between them. */
package dev.hetplace.cost;
