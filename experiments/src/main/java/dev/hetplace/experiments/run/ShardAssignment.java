package dev.hetplace.experiments.run;

import dev.hetplace.experiments.spec.RunSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Which runs of a spec each shard runs. Runs that share a cost table (same model, platform, overrides, targets,
 * precisions, batch and GPU timing: everything but objective, budget, TVM compatibility, solver and seed) are kept
 * together, the groups put in the order of a hash of what they share (so no axis of the spec lines up with the
 * shards), and that sequence cut into {@code n} contiguous slices of equal size (one run apart at most). Each shard
 * so builds only its own groups' tables (at most {@code n - 1} groups straddle two shards), and every shard gets a
 * like mix of cheap and costly runs: slicing by {@code index % n} instead put every run of one budget in one shard
 * whenever the budgets axis had an even length.
 */
public final class ShardAssignment {
    private ShardAssignment() {
    }

    /** The indices (into {@code runs}) of the runs in {@code shard}. */
    public static BitSet runsOf(List<RunSpec> runs, Shard shard) {
        if (shard.count() == 1) {
            BitSet all = new BitSet(runs.size());
            all.set(0, runs.size());
            return all;
        }
        return slices(runs, shard.count()).get(shard.index());
    }

    /** The runs of each of {@code n} shards, as indices into {@code runs}. */
    public static List<BitSet> slices(List<RunSpec> runs, int n) {
        List<String> keys = runs.stream().map(ShardAssignment::groupHash).toList();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, String>comparing(keys::get).thenComparing(Comparator.naturalOrder()));
        List<BitSet> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BitSet s = new BitSet(runs.size());
            for (int p = Shard.start(i, n, runs.size()); p < Shard.start(i + 1, n, runs.size()); p++) {
                s.set(order.get(p));
            }
            out.add(s);
        }
        return out;
    }

    /** SHA-256 of the run's canonical JSON without the fields runs sharing a cost table may differ in. */
    static String groupHash(RunSpec r) {
        var n = r.canonicalJson();
        n.remove(List.of("objective", "minSqnrDb", "tvmCompatible", "solver", "seed"));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(n.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
