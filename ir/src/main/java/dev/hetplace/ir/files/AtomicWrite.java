package dev.hetplace.ir.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files completely or not at all: each goes to a hidden temporary sibling (a fresh name, created with the
 * umask's permissions, so an export or a shard file is as readable as any file the user writes) and is renamed into
 * place only when every file of the write is complete. On failure no temporary file and no target is left behind.
 */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /** Writes {@code text} as UTF-8. */
    public static void write(Path target, CharSequence text) {
        write(target, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] bytes) {
        writeAll(Map.of(target, bytes));
    }

    /** A file's bytes, written to a stream (a large model goes straight into its file, without a copy in memory). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes every file or none: all are staged first, then renamed in the map's iteration order.
     *
     * @throws IllegalArgumentException when a target's directory does not exist
     * @throws UncheckedIOException naming the file that could not be written
     */
    public static void writeAll(Map<Path, byte[]> files) {
        Map<Path, Content> streamed = new LinkedHashMap<>();
        files.forEach((path, bytes) -> streamed.put(path, out -> out.write(bytes)));
        writeStreams(streamed);
    }

    /** {@link #writeAll} for files whose bytes are streamed. */
    public static void writeStreams(Map<Path, Content> files) {
        List<Path[]> staged = new ArrayList<>();
        Path current = null;
        try {
            for (Map.Entry<Path, Content> e : files.entrySet()) {
                current = e.getKey();
                Path abs = current.toAbsolutePath();
                Path dir = abs.getParent();
                if (dir == null || !Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("cannot write " + current + ": directory " + dir
                            + " does not exist");
                }
                Path tmp = stage(abs, e.getValue());
                staged.add(new Path[] {tmp, abs});
            }
            for (Path[] s : staged) {
                current = s[1];
                move(s[0], s[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + current + ": " + reason(e), e);
        } finally {
            for (Path[] s : staged) {
                try {
                    Files.deleteIfExists(s[0]);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after its target
                }
            }
        }
    }

    private static Path stage(Path target, Content content) throws IOException {
        while (true) {
            Path tmp = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            OutputStream out;
            try {
                out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            try (OutputStream buffered = new BufferedOutputStream(out, 1 << 16)) {
                content.writeTo(buffered);
                return tmp;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        }
    }

    /** Why a write failed, in the file system's words, without the temporary file's name. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e instanceof FileSystemException ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
