package dev.hetplace.planner.solve;

import java.util.Locale;

/**
 * {@code auto}: the exact DP; when it cannot prove optimality and its plan lies more than 1% above its bound, CP-SAT
 * seeded with its plan; when that cannot prove it either, Timefold seeded with the better plan. {@code cpsat}: CP-SAT
 * alone (seeded with the DP unless told not).
 */
public enum SolverKind {
    AUTO, EXACT, CPSAT, TIMEFOLD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
