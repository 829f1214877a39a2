/** What every JMH benchmark inherits: its units, forks and iteration counts. */
package dev.hetplace.benchmarks;
