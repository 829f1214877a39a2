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
    /** Rows in file order, the number of lines dropped as unreadable, and whether the file ends in a newline. */
    public record Loaded(List<RunRow> rows, int dropped, boolean endsWithNewline) {
        public Loaded {
            rows = List.copyOf(rows);
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

    public static Loaded read(Path jsonl) {
        if (!Files.exists(jsonl)) {
            return new Loaded(List.of(), 0, true);
        }
        try {
            byte[] bytes = Files.readAllBytes(jsonl);
            String text = new String(bytes, StandardCharsets.UTF_8);
            List<RunRow> rows = new ArrayList<>();
            int dropped = 0;
            for (String line : text.split("\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                RunRow r = ResultJson.parse(line);
                if (r == null) {
                    dropped++;
                } else {
                    rows.add(r);
                }
            }
            return new Loaded(rows, dropped, bytes.length == 0 || bytes[bytes.length - 1] == '\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonl + ": " + e.getMessage(), e);
        }
    }
}
