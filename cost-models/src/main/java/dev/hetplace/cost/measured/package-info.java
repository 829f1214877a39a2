/** Costs taken from user measurement files (--measurements) where they cover a group. */
package dev.hetplace.cost.measured;
