/** Charts of sweep results (PNG and SVG). */
package dev.hetplace.experiments.plot;
