package dev.hetplace.experiments.run;

import dev.hetplace.ir.files.AtomicWrite;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.SettingException;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The results of a sweep in a directory, written by one process at a time ({@link DirectoryLock}):
 * {@code results.jsonl}, one {@link RunRow} per line and the one source of truth, and {@code results.csv}, the same
 * rows flattened and rebuilt from the JSON lines whenever the directory is opened. Rows are appended, each flushed
 * before the next starts, so a killed sweep keeps every finished row. Opening a directory that already holds
 * results needs {@code resume}: its readable rows count as done; damaged lines are left in place and counted; an
 * unreadable last line without a newline (torn by a kill or a full disk) is cut off, reported, and its run runs
 * again. After a failed write (a full disk) the store refuses every further row, so the file stays whole up to
 * the torn line, and the directory can be resumed once there is space.
 */
public final class ResultStore implements Closeable {
    public static final String JSONL = "results.jsonl";
    public static final String CSV = "results.csv";

    /** Opens a file for appending; tests inject failing streams here to play a full disk. */
    @FunctionalInterface
    public interface Opener {
        OutputStream append(Path p) throws IOException;

        Opener FILES = p -> Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    private final Path dir;
    private final DirectoryLock lock;
    private final ResultFile.Loaded existing;
    private final OutputStream jsonl;
    private final OutputStream csv;
    private UncheckedIOException failure;

    private ResultStore(Path dir, DirectoryLock lock, ResultFile.Loaded existing, OutputStream jsonl,
                        OutputStream csv) {
        this.dir = dir;
        this.lock = lock;
        this.existing = existing;
        this.jsonl = jsonl;
        this.csv = csv;
    }

    /** Opens {@code dir} for {@code identity}'s sweep ({@code what} names its spec in errors). */
    public static ResultStore open(Path dir, boolean resume, DirectoryIdentity identity, String what) {
        return open(dir, resume, identity, what, Opener.FILES);
    }

    public static ResultStore open(Path dir, boolean resume, DirectoryIdentity identity, String what, Opener io) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the results directory " + dir + ": " + e.getMessage(), e);
        }
        DirectoryLock lock = DirectoryLock.acquire(dir);
        OutputStream j = null;
        try {
            identity.check(dir, what);
            Path jsonlPath = dir.resolve(JSONL);
            ResultFile.Loaded loaded = ResultFile.read(jsonlPath);
            if (loaded.length() > 0 && !resume) {
                int held = loaded.rows().size();
                throw new SettingException(w -> dir + " already holds " + held + " results: pass "
                        + w.name(Setting.RESUME) + " to continue that sweep, or choose an empty " + w.name(Setting.OUT)
                        + " directory");
            }
            identity.writeMissing(dir);
            if (loaded.tornBytes() > 0) {
                truncate(jsonlPath, loaded.length() - loaded.tornBytes());
            }
            j = io.append(jsonlPath);
            if (loaded.tornBytes() == 0 && !loaded.endsWithNewline()) {
                j.write('\n');
                j.flush();
            }
            StringBuilder table = new StringBuilder(ResultCsv.header()).append('\n');
            for (RunRow r : loaded.rows()) {
                table.append(ResultCsv.line(r)).append('\n');
            }
            AtomicWrite.write(dir.resolve(CSV), table.toString());
            OutputStream c = io.append(dir.resolve(CSV));
            return new ResultStore(dir, lock, loaded, j, c);
        } catch (IOException e) {
            closeQuietly(j);
            lock.close();
            throw new UncheckedIOException("cannot open the results in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(j);
            lock.close();
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    /** Readable rows already in the directory when it was opened. */
    public List<RunRow> existingRows() {
        return existing.rows();
    }

    /** Lines of {@code results.jsonl} that could not be read when it was opened (a torn last line among them). */
    public int droppedLines() {
        return existing.dropped();
    }

    /** Bytes of the torn last line cut off when the directory was opened (0: none). */
    public long tornBytes() {
        return existing.tornBytes();
    }

    /** Hashes of the runs already done; with {@code retryFailed}, failed runs do not count as done. */
    public Set<String> doneHashes(boolean retryFailed) {
        Set<String> done = new HashSet<>();
        for (RunRow r : existing.unique()) {
            if (!retryFailed || r.status() != RunStatus.FAILED) {
                done.add(r.hash());
            }
        }
        return done;
    }

    /**
     * Appends one row to both files and flushes them; safe to call from several threads. The first failed write
     * (a full disk) is thrown to every later caller too, so nothing follows a torn line.
     */
    public synchronized void append(RunRow row) {
        if (failure != null) {
            throw failure;
        }
        Path file = dir.resolve(JSONL);
        try {
            jsonl.write((ResultJson.line(row) + "\n").getBytes(StandardCharsets.UTF_8));
            jsonl.flush();
            file = dir.resolve(CSV);
            csv.write((ResultCsv.line(row) + "\n").getBytes(StandardCharsets.UTF_8));
            csv.flush();
        } catch (IOException e) {
            failure = new AppendFailure(file, e);
            throw failure;
        }
    }

    @Override
    public synchronized void close() {
        try {
            closeQuietly(jsonl);
            closeQuietly(csv);
        } finally {
            lock.close();
        }
    }

    private static void truncate(Path p, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(length);
            ch.force(false);
        }
    }

    private static void closeQuietly(OutputStream s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // a close after a failed write fails the same way; the write's error is the one reported
            }
        }
    }
}
