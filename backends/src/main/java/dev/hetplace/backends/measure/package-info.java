/** Measurement tables (CSV, AutoTVM/TopHub logs): one reader, with file and line on every error. */
package dev.hetplace.backends.measure;
