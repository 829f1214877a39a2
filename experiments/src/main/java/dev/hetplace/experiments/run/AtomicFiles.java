package dev.hetplace.experiments.run;

import dev.hetplace.planner.run.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Whole-file writes into a locked results directory that are never seen half-done: a temporary file next to the
 * target, then an atomic rename. Unlike {@link dev.hetplace.planner.run.AtomicFile} (a private temporary file, so
 * mode 600) the file gets the umask's permissions, as the files appended beside it do: shard directories on a
 * cluster's shared file system stay readable to the merge step and to other users; the fixed temporary name is safe
 * because only the lock holder writes here.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    static void write(Path target, String text) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write already failed; that is the error to report
            }
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
