package dev.hetplace.experiments.run;

import dev.hetplace.experiments.spec.RunSpec;

/** A run with its position in the spec's expansion (what {@code --shard i/n} slices on) and its hash. */
public record IndexedRun(int index, RunSpec run, String hash) {
    public IndexedRun(int index, RunSpec run) {
        this(index, run, run.hash());
    }
}
