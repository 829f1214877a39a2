package dev.hetplace.experiments.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hetplace.experiments.spec.SweepSpec;
import dev.hetplace.ir.files.AtomicWrite;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.SettingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * What a results directory belongs to: the spec it was started with ({@code spec.json}, the spec's JSON as this
 * class writes it) and, for the directory of one shard, which shard of how many runs ({@code shard.json}). Both are
 * written once, atomically, when the directory is first opened, and compared on every later open: a directory is
 * only ever resumed by the sweep that started it.
 */
public record DirectoryIdentity(String specText, ShardFile shard) {
    public static final String SPEC_FILE = "spec.json";
    public static final String SHARD_FILE = "shard.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** {@code shard.json}: this directory holds shard {@code index} of {@code count} of a spec of {@code specRuns}. */
    public record ShardFile(int index, int count, int specRuns) {
        public Shard shard() {
            return new Shard(index, count);
        }

        public int runs() {
            return shard().size(specRuns);
        }
    }

    /** A sweep's directory: its spec, and its shard (none when the sweep is not sharded). */
    public static DirectoryIdentity of(SweepSpec spec, Shard shard) {
        ShardFile s = shard.count() == 1 ? null : new ShardFile(shard.index(), shard.count(), spec.runs().size());
        return new DirectoryIdentity(specText(spec.document()), s);
    }

    public static String specText(JsonNode document) {
        try {
            return MAPPER.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a sweep spec: " + e.getOriginalMessage(), e);
        }
    }

    /** The {@code spec.json} text of a results directory (bytes that are not UTF-8 read as U+FFFD), or null. */
    public static String readSpec(Path dir) {
        Path p = dir.resolve(SPEC_FILE);
        try {
            return Files.exists(p) ? new String(Files.readAllBytes(p), StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** The {@code shard.json} of a results directory, or null when it has none; damage is one line. */
    public static ShardFile readShard(Path dir) {
        Path p = dir.resolve(SHARD_FILE);
        if (!Files.exists(p)) {
            return null;
        }
        try {
            JsonNode n = PLAIN.readTree(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            if (n == null || !n.path("index").isInt() || !n.path("count").isInt() || !n.path("specRuns").isInt()
                    || n.size() != 3) {
                throw new IllegalArgumentException(p + ": not a shard file ({\"index\", \"count\", \"specRuns\"} "
                        + "integers); the directory is damaged");
            }
            ShardFile s = new ShardFile(n.get("index").intValue(), n.get("count").intValue(),
                    n.get("specRuns").intValue());
            s.shard();
            return s;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(p + ": not JSON (" + e.getOriginalMessage().replaceAll("\\s+", " ")
                    + "); the directory is damaged", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(p.toString()) ? e
                    : new IllegalArgumentException(p + ": " + e.getMessage() + "; the directory is damaged", e);
        }
    }

    /**
     * Refuses (one line) a directory whose {@code spec.json} or {@code shard.json} says it belongs to another sweep
     * or shard; {@code what} names the spec being run ("SPEC" file, or the merge's inputs).
     */
    public void check(Path dir, String what) {
        String have = readSpec(dir);
        if (have != null && !have.equals(specText)) {
            String difference = dir.resolve(SPEC_FILE) + " " + specDifference(have, specText, what);
            throw new SettingException(w -> difference + "; the directory belongs to another sweep: choose another "
                    + w.name(Setting.OUT));
        }
        ShardFile hs = readShard(dir);
        if (hs == null ? shard != null && have != null : !hs.equals(shard)) {
            String holds = dir + ": holds " + describe(hs) + " of its sweep, not " + describe(shard);
            throw new SettingException(w -> holds + " (two shards cannot write one directory); give each shard its own "
                    + w.name(Setting.OUT));
        }
    }

    /** Writes the identity files the directory does not have yet. */
    public void writeMissing(Path dir) {
        if (!Files.exists(dir.resolve(SPEC_FILE))) {
            AtomicWrite.write(dir.resolve(SPEC_FILE), specText);
        }
        if (shard != null && !Files.exists(dir.resolve(SHARD_FILE))) {
            try {
                AtomicWrite.write(dir.resolve(SHARD_FILE), PLAIN.writeValueAsString(shard) + "\n");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String describe(ShardFile s) {
        return s == null ? "every run (no shard)" : "shard " + s.shard();
    }

    /** Why {@code have} is not {@code want}: damaged, or which top-level key differs. */
    static String specDifference(String have, String want, String what) {
        JsonNode a;
        try {
            a = PLAIN.readTree(have);
        } catch (JsonProcessingException e) {
            return "is damaged (not JSON: " + e.getOriginalMessage().replaceAll("\\s+", " ")
                    + "), so it is not the spec of " + what;
        }
        JsonNode b;
        try {
            b = PLAIN.readTree(want);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (a == null || !a.isObject()) {
            return "is damaged (not a JSON object), so it is not the spec of " + what;
        }
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!b.get(k).equals(a.get(k))) {
                return "is not the spec of " + what + ": its '" + k + "' differs";
            }
        }
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!b.has(k)) {
                return "is not the spec of " + what + ": it has '" + k + "', which " + what + " does not";
            }
        }
        return "holds the spec of " + what + " written differently (not as sweep writes it): edited by hand?";
    }
}
