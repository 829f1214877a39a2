/** Runs a sweep: its runs through the shared placement runner, rows appended under a directory lock. */
package dev.hetplace.experiments.run;
