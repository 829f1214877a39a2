/** The place command line: options, subcommands, output files and error lines. */
package dev.hetplace.planner.cli;
