package dev.hetplace.planner.cli;

/** How {@code place} and {@code place cost} print their result: a table for people, JSON or CSV for programs. */
public enum ReportFormat {
    TABLE, JSON, CSV
}
