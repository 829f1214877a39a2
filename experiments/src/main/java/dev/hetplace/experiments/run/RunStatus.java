package dev.hetplace.experiments.run;

import java.util.Locale;

/** OK: a plan was found. INFEASIBLE: no plan meets the run's constraints (a result, not an error). FAILED: an error. */
public enum RunStatus {
    OK, INFEASIBLE, FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
