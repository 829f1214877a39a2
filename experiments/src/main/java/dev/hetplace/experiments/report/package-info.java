/** Markdown reports of sweep results, one section per study. */
package dev.hetplace.experiments.report;
