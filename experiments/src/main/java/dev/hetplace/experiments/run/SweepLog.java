package dev.hetplace.experiments.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sweep-log.jsonl}: one line appended per {@code sweep run} invocation (when it ended, shard, threads, local
 * cores, runs done and skipped, wall time, placements per second), so a report can state how fast the sweep ran.
 */
public final class SweepLog {
    public static final String FILE = "sweep-log.jsonl";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One invocation. */
    public record Entry(String endedAt, String sweep, String shard, int threads, int cores, int ran, int skipped,
                        int failed, int infeasible, long wallMs, double placementsPerSecond, String gitCommit,
                        String hetplaceVersion) {
    }

    private SweepLog() {
    }

    static void append(Path dir, Entry e) {
        try {
            Files.writeString(dir.resolve(FILE), MAPPER.writeValueAsString(e) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to " + dir.resolve(FILE) + ": " + ex.getMessage(), ex);
        }
    }

    /** The readable entries (torn or foreign lines skipped). */
    public static List<Entry> read(Path dir) {
        Path p = dir.resolve(FILE);
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(p)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                try {
                    if (!line.isBlank()) {
                        out.add(MAPPER.readValue(line, Entry.class));
                    }
                } catch (JsonProcessingException ignored) {
                    // a torn line from a killed sweep: nothing to report from it
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + p + ": " + ex.getMessage(), ex);
        }
        return out;
    }
}
