package dev.hetplace.planner.run;

import dev.hetplace.planner.domain.NoFeasiblePlanException;
import java.io.UncheckedIOException;

/** 0 success, 1 no feasible plan, 2 bad input or usage. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INFEASIBLE = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /** Bad input throws IllegalArgumentException (or an I/O failure) with a one-line message naming where. */
    public static int of(Exception e) {
        if (e instanceof NoFeasiblePlanException) {
            return INFEASIBLE;
        }
        if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException
                || e instanceof java.io.IOException) {
            return USAGE;
        }
        return INTERNAL;
    }
}
