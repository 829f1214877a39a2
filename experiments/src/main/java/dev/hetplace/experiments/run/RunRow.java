package dev.hetplace.experiments.run;

import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.planner.provenance.Provenance;

/**
 * One line of {@code results.jsonl}: the run's content hash and index in its spec, the run as specified, its status
 * with the error on one line (null when OK), the outcome (null unless OK) and provenance.
 */
public record RunRow(String hash, int index, RunSpec run, RunStatus status, String error, Outcome outcome,
                     Provenance provenance) {
    /** The same row with another wall time (rows of equal runs differ only there). */
    public RunRow withWallMs(long ms) {
        return new RunRow(hash, index, run, status, error, outcome, provenance.withWallMs(ms));
    }

    public boolean ok() {
        return status == RunStatus.OK;
    }
}
