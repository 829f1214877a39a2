/** The sweep command line: run, merge, compare and report, and job shards. */
package dev.hetplace.experiments.cli;
