/** Plan output: tables, JSON and timelines. */
package dev.hetplace.planner.report;
