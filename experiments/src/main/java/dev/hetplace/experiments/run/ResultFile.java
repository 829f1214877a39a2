package dev.hetplace.experiments.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code results.jsonl}: every complete, self-consistent row, and how many lines were not. */
public final class ResultFile {
    /**
     * Rows in file order, the number of lines dropped as unreadable (a torn last line among them), whether the file
     * ends in a newline, and the bytes of an unreadable last line without a newline ({@code tornBytes}, 0 when
     * none): what a sweep killed mid-write, or stopped by a full disk, leaves; the file is whole up to
     * {@code length - tornBytes}.
     */
    public record Loaded(List<RunRow> rows, int dropped, boolean endsWithNewline, long length, long tornBytes) {
        public Loaded {
            rows = List.copyOf(rows);
        }

        public Loaded(List<RunRow> rows) {
            this(rows, 0, true, 0, 0);
        }

        /**
         * One row per hash: the first successful or infeasible row for it, else its first failed row (a failed run
         * retried with {@code --retry-failed} appears twice).
         */
        public List<RunRow> unique() {
            Map<String, RunRow> best = new LinkedHashMap<>();
            for (RunRow r : rows) {
                RunRow prev = best.get(r.hash());
                if (prev == null || (prev.status() == RunStatus.FAILED && r.status() != RunStatus.FAILED)) {
                    best.put(r.hash(), r);
                }
            }
            return List.copyOf(best.values());
        }
    }

    private ResultFile() {
    }

    /** Whether {@code jsonl} exists, or its gzipped copy ({@code results.jsonl.gz}, as shipped studies keep it). */
    public static boolean exists(Path jsonl) {
        return Files.isRegularFile(jsonl) || Files.isRegularFile(gzipped(jsonl));
    }

    /** The rows of {@code jsonl}, or of its gzipped copy when only that exists (read-only use: reports). */
    public static Loaded read(Path jsonl) {
        if (!Files.exists(jsonl) && !Files.isRegularFile(gzipped(jsonl))) {
            return new Loaded(List.of());
        }
        try {
            byte[] bytes;
            if (Files.exists(jsonl)) {
                bytes = Files.readAllBytes(jsonl);
            } else {
                try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gzipped(jsonl)))) {
                    bytes = in.readAllBytes();
                }
            }
            List<RunRow> rows = new ArrayList<>();
            int dropped = 0;
            long torn = 0;
            int start = 0;
            while (start < bytes.length) {
                int nl = start;
                while (nl < bytes.length && bytes[nl] != '\n') {
                    nl++;
                }
                String line = new String(bytes, start, nl - start, StandardCharsets.UTF_8);
                if (!line.isEmpty()) {
                    RunRow r = ResultJson.parse(line);
                    if (r == null) {
                        dropped++;
                        if (nl == bytes.length) {
                            torn = nl - start;
                        }
                    } else {
                        rows.add(r);
                    }
                }
                start = nl + 1;
            }
            return new Loaded(rows, dropped, bytes.length == 0 || bytes[bytes.length - 1] == '\n', bytes.length,
                    torn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonl + ": " + e.getMessage(), e);
        }
    }

    private static Path gzipped(Path jsonl) {
        return jsonl.resolveSibling(jsonl.getFileName() + ".gz");
    }
}
