/** Sweep specs: the JSON format, its products of settings, and its validation. */
package dev.hetplace.experiments.spec;
