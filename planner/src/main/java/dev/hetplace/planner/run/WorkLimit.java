package dev.hetplace.planner.run;

import java.util.Locale;

/**
 * The sizes past which a request is refused before any work starts, because the work (or memory) grows with
 * them and a mistyped number would otherwise run for minutes or hours. Each can be raised through its
 * environment variable.
 */
public enum WorkLimit {
    /** Generated wide DAGs: the largest the project's benchmarks use is 5,000 groups. */
    WIDE_DAG_GROUPS("wide-dag groups", 20_000, "HETPLACE_MAX_GROUPS"),
    /** Chains of a generated wide DAG: the exact solver's state grows exponentially with the live tensors. */
    WIDE_DAG_WIDTH("wide-dag width", 64, "HETPLACE_MAX_WIDTH"),
    /** Batch sizes: costs, transfers and executed inputs scale with it. */
    BATCH("batch size", 65_536, "HETPLACE_MAX_BATCH"),
    /** Calibration inputs executed per measured group and per validation. */
    CALIBRATION_SAMPLES("calibration samples", 1_024, "HETPLACE_MAX_CALIBRATION_SAMPLES");

    private final String what;
    private final long defaultLimit;
    private final String variable;

    WorkLimit(String what, long defaultLimit, String variable) {
        this.what = what;
        this.defaultLimit = defaultLimit;
        this.variable = variable;
    }

    /** The limit in force: the environment variable's value when it is a positive integer, else the default. */
    public long limit() {
        String v = System.getenv(variable);
        if (v != null) {
            try {
                long l = Long.parseLong(v.trim());
                if (l > 0) {
                    return l;
                }
            } catch (NumberFormatException e) {
                // an unusable setting keeps the default, which the refusal then names
            }
        }
        return defaultLimit;
    }

    /** Refuses {@code requested} above the limit; {@code where} names the option or field that asked for it. */
    public void check(long requested, String where) {
        long limit = limit();
        if (requested > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s asks for %s %d, above the limit of %d"
                    + " (refused before starting; set %s=%d to raise the limit)", where, what, requested, limit,
                    variable, requested));
        }
    }
}
