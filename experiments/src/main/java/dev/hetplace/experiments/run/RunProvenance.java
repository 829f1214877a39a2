package dev.hetplace.experiments.run;

/**
 * Where a row came from: hetplace version, git commit of the checkout that ran it ({@code unknown} outside one),
 * Java version, the run's seed, the hashes of its model and hardware profile (null when it failed before loading
 * them) and its wall time.
 */
public record RunProvenance(String hetplaceVersion, String gitCommit, String javaVersion, long seed,
                           String modelHash, String profileHash, long wallMs) {
}
