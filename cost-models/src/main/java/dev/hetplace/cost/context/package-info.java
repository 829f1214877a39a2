/** In-model corrections fitted to whole-model measurements, and the whole-model checks. */
package dev.hetplace.cost.context;
