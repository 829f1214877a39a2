package dev.hetplace.planner.solve;
import java.util.Locale;

/** {@code auto}: the exact DP, and Timefold seeded with it when the DP cannot prove optimality. */
public enum SolverKind {
    AUTO, EXACT, TIMEFOLD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
