package dev.hetplace.planner.report;

/** One bar of a plan timeline: a row (device or "crossings"), its span in ns, a label and a fill colour. */
public record TimelineBar(String row, long startNs, long endNs, String label, String color) {
}
