package dev.hetplace.planner.provenance;

/**
 * Where a plan or a sweep row came from: hetplace's version and the git commit it was built from ({@link BuildInfo};
 * {@code unknown} outside a checkout), the Java and Timefold versions, the run's seed, the hashes of its model and
 * hardware profile (null for a sweep run that failed before loading them) and its wall time. Plan JSON writes it in
 * its {@code run} section, a sweep row as its {@code provenance} object (these field names).
 */
public record Provenance(String hetplaceVersion, String gitCommit, String javaVersion, long seed, String modelHash,
                         String profileHash, long wallMs, String timefoldVersion) {

    /** This build's provenance for a run. */
    public static Provenance of(long seed, String modelHash, String profileHash, long wallMs) {
        return new Provenance(BuildInfo.version(), BuildInfo.commit(), BuildInfo.javaVersion(), seed, modelHash,
                profileHash, wallMs, BuildInfo.timefoldVersion());
    }

    public Provenance withWallMs(long ms) {
        return new Provenance(hetplaceVersion, gitCommit, javaVersion, seed, modelHash, profileHash, ms,
                timefoldVersion);
    }
}
