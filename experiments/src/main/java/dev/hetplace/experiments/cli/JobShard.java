package dev.hetplace.experiments.cli;

import dev.hetplace.experiments.run.Shard;
import java.util.Map;

/**
 * The shard a {@code sweep run} invocation runs: {@code --shard i/n} when given, else the index the job engine
 * gives its task. A Kubernetes Indexed Job sets {@code JOB_COMPLETION_INDEX} (0 to completions - 1) but no count, so
 * the count is {@code --shard-count} (the Job's {@code completions}, written into the manifest). A Slurm array sets
 * {@code SLURM_ARRAY_TASK_ID}, {@code SLURM_ARRAY_TASK_MIN}, {@code SLURM_ARRAY_TASK_MAX} and
 * {@code SLURM_ARRAY_TASK_COUNT}; the shard is the task id minus the minimum (so {@code --array=1-16} works as well
 * as {@code 0-15}), of {@code SLURM_ARRAY_TASK_COUNT} (or {@code --shard-count}, which must then agree). Arrays with
 * a step or gaps are refused: their ids do not number the shards one by one.
 */
final class JobShard {
    static final String K8S_INDEX = "JOB_COMPLETION_INDEX";
    static final String SLURM_ID = "SLURM_ARRAY_TASK_ID";
    static final String SLURM_MIN = "SLURM_ARRAY_TASK_MIN";
    static final String SLURM_MAX = "SLURM_ARRAY_TASK_MAX";
    static final String SLURM_COUNT = "SLURM_ARRAY_TASK_COUNT";
    static final String SLURM_STEP = "SLURM_ARRAY_TASK_STEP";

    private JobShard() {
    }

    static Shard resolve(String shardOption, Integer shardCount, Map<String, String> env) {
        if (shardCount != null && shardCount < 1) {
            throw new IllegalArgumentException("--shard-count must be at least 1, got " + shardCount);
        }
        if (shardOption != null) {
            Shard s = Shard.parse(shardOption);
            if (shardCount != null && shardCount != s.count()) {
                throw new IllegalArgumentException("--shard " + clip(shardOption) + " and --shard-count " + shardCount
                        + " disagree on the number of shards");
            }
            return s;
        }
        String k8s = env.get(K8S_INDEX);
        String slurm = env.get(SLURM_ID);
        if (k8s != null && slurm != null) {
            throw new IllegalArgumentException("both " + K8S_INDEX + "=" + clip(k8s) + " and " + SLURM_ID + "=" + clip(slurm)
                    + " are set: pass --shard i/n to say which shard this is");
        }
        if (k8s != null) {
            int index = integer(K8S_INDEX, k8s);
            if (shardCount == null) {
                throw new IllegalArgumentException(K8S_INDEX + "=" + clip(k8s) + " is set (a Kubernetes Indexed Job) but "
                        + "not the number of shards: pass --shard-count N, N the Job's completions");
            }
            return shard(index, shardCount, K8S_INDEX + "=" + clip(k8s), "--shard-count " + shardCount);
        }
        if (slurm != null) {
            int id = integer(SLURM_ID, slurm);
            int min = env.containsKey(SLURM_MIN) ? integer(SLURM_MIN, env.get(SLURM_MIN)) : 0;
            String step = env.get(SLURM_STEP);
            if (step != null && integer(SLURM_STEP, step) != 1) {
                throw new IllegalArgumentException(SLURM_STEP + "=" + clip(step) + ": a Slurm array with a step does not "
                        + "number its shards one by one; submit --array=0-N-1 (step 1)");
            }
            Integer count = env.containsKey(SLURM_COUNT) ? integer(SLURM_COUNT, env.get(SLURM_COUNT)) : null;
            if (count != null && env.containsKey(SLURM_MAX)) {
                int max = integer(SLURM_MAX, env.get(SLURM_MAX));
                if (max - min + 1 != count) {
                    throw new IllegalArgumentException("the Slurm array has " + count + " tasks from " + min + " to "
                            + max + " (" + SLURM_COUNT + ", " + SLURM_MIN + ", " + SLURM_MAX + "): its task ids have "
                            + "gaps; submit a contiguous --array=0-N-1");
                }
            }
            if (count != null && shardCount != null && !count.equals(shardCount)) {
                throw new IllegalArgumentException("--shard-count " + shardCount + " disagrees with " + SLURM_COUNT
                        + "=" + count);
            }
            Integer n = shardCount != null ? shardCount : count;
            if (n == null) {
                throw new IllegalArgumentException(SLURM_ID + "=" + clip(slurm) + " is set but not " + SLURM_COUNT
                        + ": pass --shard-count N");
            }
            return shard(id - min, n, SLURM_ID + "=" + clip(slurm) + " (minus " + SLURM_MIN + "=" + min + ")",
                    shardCount != null ? "--shard-count " + n : SLURM_COUNT + "=" + n);
        }
        if (shardCount != null && shardCount != 1) {
            throw new IllegalArgumentException("--shard-count " + shardCount + " without a shard index: pass --shard "
                    + "i/" + shardCount + ", or run under a Kubernetes Indexed Job (" + K8S_INDEX + ") or a Slurm "
                    + "array (" + SLURM_ID + ")");
        }
        return Shard.ALL;
    }

    private static Shard shard(int index, int count, String indexFrom, String countFrom) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(indexFrom + " is shard " + index + ", out of range for " + countFrom
                    + " (0 to " + (count - 1) + ")");
        }
        return new Shard(index, count);
    }

    /** An environment value as error messages echo it: at most 40 characters. */
    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + clip(value) + ": not an integer");
        }
    }
}
