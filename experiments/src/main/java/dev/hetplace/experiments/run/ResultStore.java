package dev.hetplace.experiments.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The results of a sweep in a directory: {@code results.jsonl} (one {@link RunRow} per line, the record of truth)
 * and {@code results.csv} (the same rows flattened). Rows are only ever appended, each flushed before the next
 * starts, so a killed sweep keeps every finished row; nothing is rewritten. Opening a directory that already holds
 * results needs {@code resume}: its readable rows count as done, unreadable lines are left in place and counted, a
 * torn last line gets a newline so the next row starts clean, and rows missing from the CSV (a kill between the two
 * writes) are appended to it.
 */
public final class ResultStore implements Closeable {
    public static final String JSONL = "results.jsonl";
    public static final String CSV = "results.csv";

    private final Path dir;
    private final ResultFile.Loaded existing;
    private final Writer jsonl;
    private final Writer csv;

    private ResultStore(Path dir, ResultFile.Loaded existing, Writer jsonl, Writer csv) {
        this.dir = dir;
        this.existing = existing;
        this.jsonl = jsonl;
        this.csv = csv;
    }

    public static ResultStore open(Path dir, boolean resume) {
        try {
            Files.createDirectories(dir);
            Path jsonlPath = dir.resolve(JSONL);
            Path csvPath = dir.resolve(CSV);
            ResultFile.Loaded loaded = ResultFile.read(jsonlPath);
            boolean hasResults = Files.exists(jsonlPath) && Files.size(jsonlPath) > 0;
            if (hasResults && !resume) {
                throw new IllegalArgumentException(dir + " already holds " + loaded.rows().size()
                        + " results: pass --resume to continue that sweep, or choose an empty --out directory");
            }
            Writer j = append(jsonlPath);
            if (!loaded.endsWithNewline()) {
                j.write('\n');
                j.flush();
            }
            Writer c = append(csvPath);
            Set<String> inCsv = csvHashes(csvPath);
            if (Files.size(csvPath) == 0) {
                c.write(ResultCsv.header() + "\n");
            } else if (!endsWithNewline(csvPath)) {
                c.write('\n');
            }
            for (RunRow r : loaded.rows()) {
                if (inCsv.add(r.hash() + "|" + r.status().id())) {
                    c.write(ResultCsv.line(r) + "\n");
                }
            }
            c.flush();
            return new ResultStore(dir, loaded, j, c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the results in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Readable rows already in the directory when it was opened. */
    public List<RunRow> existingRows() {
        return existing.rows();
    }

    /** Lines of {@code results.jsonl} that could not be read when it was opened (left in place). */
    public int droppedLines() {
        return existing.dropped();
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

    /** Appends one row to both files and flushes them; safe to call from several threads. */
    public synchronized void append(RunRow row) {
        try {
            jsonl.write(ResultJson.line(row) + "\n");
            jsonl.flush();
            csv.write(ResultCsv.line(row) + "\n");
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the results in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            jsonl.close();
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the results in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Writer append(Path p) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(p, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE), StandardCharsets.UTF_8));
    }

    /** {@code hash|status} of every data line of the CSV (so a retried run's second row is not mistaken for the first). */
    private static Set<String> csvHashes(Path csv) throws IOException {
        Set<String> out = new HashSet<>();
        if (!Files.exists(csv)) {
            return out;
        }
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            String h = ResultCsv.hashOf(line);
            String status = ResultCsv.statusOf(line);
            if (h != null && status != null) {
                out.add(h + "|" + status);
            }
        }
        return out;
    }

    private static boolean endsWithNewline(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        return b.length == 0 || b[b.length - 1] == '\n';
    }
}
