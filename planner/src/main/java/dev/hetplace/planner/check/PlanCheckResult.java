package dev.hetplace.planner.check;

/** A re-priced plan: its recorded and recomputed end-to-end time, and any constraint it now breaks. */
public record PlanCheckResult(String model, String platform, int groups, long recordedNs, long recomputedNs,
                              String violation) {
}
