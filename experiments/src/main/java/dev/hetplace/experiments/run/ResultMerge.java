package dev.hetplace.experiments.run;

import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.SettingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Joins results directories into one: every input's rows appended to the output unless it already holds that run
 * (a successful or infeasible row beats a failed one). An input without {@code results.jsonl} stands for the
 * {@code shard-*-of-*} directories under it (the shared {@code --out} of a sharded sweep). Before anything is
 * written the inputs are checked: all of one spec (equal {@code spec.json}), none still being written, and, when
 * they are shards, every shard of the sweep exactly once and each complete; any failure is one line and nothing is
 * merged. Inputs are only read.
 */
public final class ResultMerge {
    private static final Pattern SHARD_DIR = Pattern.compile("shard-\\d+-of-\\d+");

    /** Rows appended, rows skipped as already present, unreadable input lines, input directories read. */
    public record Summary(int added, int duplicates, int dropped, int directories) {
    }

    private record Input(Path dir, DirectoryIdentity.ShardFile shard, ResultFile.Loaded rows) {
    }

    private ResultMerge() {
    }

    public static Summary merge(List<Path> given, Path out) {
        List<Path> dirs = expand(given, out);
        String spec = null;
        Path specFrom = null;
        List<Input> inputs = new ArrayList<>();
        for (Path in : dirs) {
            if (DirectoryLock.isHeld(in)) {
                throw new IllegalArgumentException(in + ": a sweep is still writing it (it holds " + DirectoryLock.FILE
                        + "); merge once it has ended");
            }
            String s = DirectoryIdentity.readSpec(in);
            if (s == null) {
                throw new IllegalArgumentException(in + ": no " + DirectoryIdentity.SPEC_FILE
                        + " (not the results directory of a sweep)");
            }
            if (spec == null) {
                spec = s;
                specFrom = in.resolve(DirectoryIdentity.SPEC_FILE);
            } else if (!s.equals(spec)) {
                throw new IllegalArgumentException(in.resolve(DirectoryIdentity.SPEC_FILE) + " "
                        + DirectoryIdentity.specDifference(s, spec, specFrom.toString())
                        + ": directories of different sweeps cannot be merged");
            }
            inputs.add(new Input(in, DirectoryIdentity.readShard(in), ResultFile.read(in.resolve(ResultStore.JSONL))));
        }
        checkShards(inputs);
        int added = 0;
        int duplicates = 0;
        int dropped = 0;
        try (ResultStore store = ResultStore.open(out, true, new DirectoryIdentity(spec, null),
                "the inputs' " + specFrom)) {
            Map<String, RunStatus> have = new HashMap<>();
            for (RunRow r : new ResultFile.Loaded(store.existingRows()).unique()) {
                have.put(r.hash(), r.status());
            }
            for (Input in : inputs) {
                dropped += in.rows().dropped();
                for (RunRow r : in.rows().unique()) {
                    RunStatus prev = have.get(r.hash());
                    if (prev == null || (prev == RunStatus.FAILED && r.status() != RunStatus.FAILED)) {
                        store.append(r);
                        have.put(r.hash(), r.status());
                        added++;
                    } else {
                        duplicates++;
                    }
                }
            }
        }
        return new Summary(added, duplicates, dropped, inputs.size());
    }

    /** The results directories the arguments name: each itself, or the shard directories under it. */
    private static List<Path> expand(List<Path> given, Path out) {
        List<Path> dirs = new ArrayList<>();
        for (Path in : given) {
            if (Files.isRegularFile(in.resolve(ResultStore.JSONL))) {
                dirs.add(in);
                continue;
            }
            List<Path> shards = shardDirectories(in);
            if (shards.isEmpty()) {
                throw new IllegalArgumentException(in + ": no " + ResultStore.JSONL
                        + " and no shard-*-of-* directories with one (not a sweep results directory)");
            }
            dirs.addAll(shards);
        }
        Path o = out.toAbsolutePath().normalize();
        Map<Path, Path> seen = new HashMap<>();
        for (Path d : dirs) {
            Path n = d.toAbsolutePath().normalize();
            if (n.equals(o)) {
                throw new SettingException(w -> d + ": an input cannot also be the " + w.name(Setting.OUT)
                        + " directory");
            }
            if (seen.put(n, d) != null) {
                throw new IllegalArgumentException(d + ": named twice among the inputs");
            }
        }
        return dirs;
    }

    private static List<Path> shardDirectories(Path parent) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> SHARD_DIR.matcher(p.getFileName().toString()).matches()
                    && Files.isRegularFile(p.resolve(ResultStore.JSONL))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent + ": " + e.getMessage(), e);
        }
    }

    /** Shards of one sweep: all or none of the inputs, one count, each index once, none missing, each complete. */
    private static void checkShards(List<Input> inputs) {
        Input first = inputs.stream().filter(i -> i.shard() != null).findFirst().orElse(null);
        if (first == null) {
            return;
        }
        Map<Integer, Input> byIndex = new TreeMap<>();
        for (Input in : inputs) {
            if (in.shard() == null) {
                throw new IllegalArgumentException(in.dir() + ": not a shard, but " + first.dir() + " is shard "
                        + first.shard().shard() + ": merge the shards of one sweep, or its unsharded results");
            }
            if (in.shard().count() != first.shard().count() || in.shard().specRuns() != first.shard().specRuns()) {
                throw new IllegalArgumentException(in.dir() + ": shard " + in.shard().shard() + " of "
                        + in.shard().specRuns() + " runs, but " + first.dir() + " is shard " + first.shard().shard()
                        + " of " + first.shard().specRuns() + ": shards of different splits cannot be merged");
            }
            Input twin = byIndex.put(in.shard().index(), in);
            if (twin != null) {
                throw new IllegalArgumentException(in.dir() + " and " + twin.dir() + " are both shard "
                        + in.shard().shard() + ": merge each shard once");
            }
            int done = in.rows().unique().size();
            if (done != in.shard().runs()) {
                String holds = in.dir() + ": shard " + in.shard().shard() + " holds " + done + " of its "
                        + in.shard().runs() + " runs";
                throw new SettingException(w -> holds + ": finish it (sweep run ... " + w.name(Setting.RESUME)
                        + ") before merging");
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < first.shard().count(); i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(Integer.toString(i));
            }
        }
        if (!missing.isEmpty()) {
            String list = missing.size() <= 10 ? String.join(", ", missing)
                    : String.join(", ", missing.subList(0, 10)) + " and " + (missing.size() - 10) + " more";
            int count = first.shard().count();
            String absent = "shard(s) " + list + " of " + count + " missing from the inputs (have " + byIndex.size()
                    + ")";
            throw new SettingException(w -> absent + ": run them (sweep run ... " + w.name(Setting.SHARD) + " i/"
                    + count + " " + w.name(Setting.RESUME) + ") before merging");
        }
    }
}
