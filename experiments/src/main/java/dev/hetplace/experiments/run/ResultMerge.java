package dev.hetplace.experiments.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins results directories into one: every input's rows appended to the output unless it already holds that run
 * (a successful or infeasible row beats a failed one), the first input's {@code spec.json} copied when the output
 * has none. Inputs are only read.
 */
public final class ResultMerge {
    /** Rows appended, rows skipped as already present, unreadable input lines. */
    public record Summary(int added, int duplicates, int dropped) {
    }

    private ResultMerge() {
    }

    public static Summary merge(List<Path> inputs, Path out) {
        for (Path in : inputs) {
            if (!Files.isRegularFile(in.resolve(ResultStore.JSONL))) {
                throw new IllegalArgumentException(in + ": no " + ResultStore.JSONL + " (not a sweep results directory)");
            }
            if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException(in + ": an input cannot also be the --out directory");
            }
        }
        int added = 0;
        int duplicates = 0;
        int dropped = 0;
        try (ResultStore store = ResultStore.open(out, true)) {
            Map<String, RunStatus> have = new HashMap<>();
            for (RunRow r : new ResultFile.Loaded(store.existingRows(), 0, true).unique()) {
                have.put(r.hash(), r.status());
            }
            for (Path in : inputs) {
                ResultFile.Loaded loaded = ResultFile.read(in.resolve(ResultStore.JSONL));
                dropped += loaded.dropped();
                for (RunRow r : loaded.unique()) {
                    RunStatus prev = have.get(r.hash());
                    if (prev == null || (prev == RunStatus.FAILED && r.status() != RunStatus.FAILED)) {
                        store.append(r);
                        have.put(r.hash(), r.status());
                        added++;
                    } else {
                        duplicates++;
                    }
                }
                Path specCopy = in.resolve(Sweep.SPEC_COPY);
                if (Files.exists(specCopy) && !Files.exists(out.resolve(Sweep.SPEC_COPY))) {
                    Files.copy(specCopy, out.resolve(Sweep.SPEC_COPY));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge into " + out + ": " + e.getMessage(), e);
        }
        return new Summary(added, duplicates, dropped);
    }
}
