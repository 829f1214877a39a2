package dev.hetplace.planner.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What every run on bad input must look like: exit 0 (a valid result), 1 (no feasible plan) or 2 (bad input), a
 * failure told in exactly one line of at most 300 characters, never a stack trace, and no file changed.
 */
public final class CleanRun {
    private CleanRun() {
    }

    /** The files under {@code dir} with a hash of their contents (empty when {@code dir} does not exist). */
    public static Map<Path, String> snapshot(Path dir) {
        Map<Path, String> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(f -> files.put(f, hash(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public static void assertClean(String what, int exitCode, String err, Map<Path, String> before, Path dir) {
        String where = what + "\nstderr: " + err;
        assertThat(exitCode).as(where).isIn(0, 1, 2);
        assertThat(err).as(where).doesNotContain("\tat ", "Exception in thread", "internal error");
        if (exitCode != 0) {
            assertThat(err.lines().count()).as(where).isEqualTo(1);
            assertThat(err.strip().length()).as(where).isLessThanOrEqualTo(300);
        }
        assertThat(snapshot(dir)).as(what + ": files changed").isEqualTo(before);
    }

    private static String hash(Path f) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
