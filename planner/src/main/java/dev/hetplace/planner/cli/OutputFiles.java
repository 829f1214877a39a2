package dev.hetplace.planner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on the files a command is asked to write, made before any work starts. */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** Whether two output paths name the same file (the same absolute path, or the same existing file). */
    public static boolean same(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Refuses, before anything is computed, an output file whose folder does not exist or is not a writable
     * folder; {@code option} names the option in the message.
     */
    public static void requireWritable(Path file, String option) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": cannot write there, " + dir
                    + " is a file, not a folder");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": the folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": the folder " + dir + " is not writable");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder, not a file");
        }
    }
}
