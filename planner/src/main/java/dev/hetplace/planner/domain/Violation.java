package dev.hetplace.planner.domain;

/** The first hard constraint a plan breaks: which kind, and a sentence saying where. */
public record Violation(Kind kind, String message) {
    public enum Kind { RULED_OUT_CHOICE, UNREACHABLE, ACCURACY_BUDGET, MEMORY }
}
