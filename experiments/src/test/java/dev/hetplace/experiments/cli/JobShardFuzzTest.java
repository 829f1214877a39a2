package dev.hetplace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.hetplace.experiments.run.Shard;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random job environments: a valid shard, or one line of at most 300 characters, never anything else. */
class JobShardFuzzTest {
    private static final long SEED = 1_729L;
    private static final List<String> VARS = List.of(JobShard.K8S_INDEX, JobShard.SLURM_ID, JobShard.SLURM_MIN,
            JobShard.SLURM_MAX, JobShard.SLURM_COUNT, JobShard.SLURM_STEP);
    private static final List<String> VALUES = List.of("0", "1", "2", "3", "15", "16", "-1", " 4 ", "", "x",
            "99999999999", "1e3", "0x10", "٣", "7".repeat(500), "2147483647", "-2147483648");

    @Test
    void randomEnvironmentsGiveAShardInRangeOrOneLine() {
        Random rnd = new Random(SEED);
        int valid = 0;
        for (int c = 0; c < 500; c++) {
            Map<String, String> env = new HashMap<>();
            for (String v : VARS) {
                if (rnd.nextInt(3) > 0) {
                    env.put(v, VALUES.get(rnd.nextInt(VALUES.size())));
                }
            }
            Integer count = rnd.nextBoolean() ? null : rnd.nextInt(20) - 2;
            String option = rnd.nextInt(4) == 0 ? VALUES.get(rnd.nextInt(VALUES.size())) + "/"
                    + VALUES.get(rnd.nextInt(VALUES.size())) : null;
            try {
                Shard s = JobShard.resolve(option, count, env);
                assertThat(s.index()).isBetween(0, s.count() - 1);
                valid++;
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).as("case %d %s %s %s", c, env, count, option).doesNotContain("\n")
                        .hasSizeLessThanOrEqualTo(300);
            } catch (RuntimeException e) {
                fail("case " + c + " " + env + " " + count + " " + option + ": " + e);
            }
        }
        assertThat(valid).as("valid environments among the 500").isBetween(20, 480);
    }
}
