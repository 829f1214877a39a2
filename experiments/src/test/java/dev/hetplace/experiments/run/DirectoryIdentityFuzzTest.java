package dev.hetplace.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.hetplace.experiments.spec.SweepSpec;
import dev.hetplace.experiments.spec.SweepSpecReader;
import dev.hetplace.experiments.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged {@code shard.json} and {@code spec.json} files (seeded byte flips, truncations, insertions): opening the
 * directory either succeeds because the damage left the file meaning the same, or is refused with one line naming
 * the file, and the refusal changes no file of the directory.
 */
class DirectoryIdentityFuzzTest {
    private static final long SEED = 20_261_201L;
    private final SweepSpec spec = SweepSpecReader.parse(Specs.TWENTY_FOUR, "tiny.json");

    @Test
    void damagedIdentityFilesAreRefusedWithOneLineAndChangeNothing(@TempDir Path tmp) throws Exception {
        Shard shard = new Shard(1, 3);
        Path dir = shard.directory(tmp);
        Sweep.run(spec, new Sweep.Options(tmp, false, false, shard, 1), new dev.hetplace.experiments.testing
                .SyntheticRuns(), Progress.silent(), "test", "abc");
        Random rnd = new Random(SEED);
        int refused = 0;
        for (int c = 0; c < 300; c++) {
            String file = c % 2 == 0 ? DirectoryIdentity.SHARD_FILE : DirectoryIdentity.SPEC_FILE;
            Path p = dir.resolve(file);
            byte[] good = Files.readAllBytes(p);
            byte[] bad = mutate(good, rnd);
            Files.write(p, bad);
            byte[] jsonl = Files.readAllBytes(dir.resolve(ResultStore.JSONL));
            byte[] csv = Files.readAllBytes(dir.resolve(ResultStore.CSV));
            try (ResultStore s = ResultStore.open(dir, true, DirectoryIdentity.of(spec, shard), "tiny.json")) {
                assertThat(s.existingRows()).as("case %d accepted", c).hasSize(8);
            } catch (IllegalArgumentException e) {
                refused++;
                assertThat(e.getMessage()).as("case %d", c).doesNotContain("\n").startsWith(dir.toString());
                assertThat(Files.readAllBytes(p)).isEqualTo(bad);
                assertThat(Files.readAllBytes(dir.resolve(ResultStore.JSONL))).isEqualTo(jsonl);
                assertThat(Files.readAllBytes(dir.resolve(ResultStore.CSV))).isEqualTo(csv);
            } catch (RuntimeException e) {
                fail("case " + c + " (" + new String(bad, StandardCharsets.UTF_8) + "): " + e);
            }
            Files.write(p, good);
        }
        assertThat(refused).as("damaged files refused").isGreaterThan(250);
    }

    private static byte[] mutate(byte[] b, Random rnd) {
        byte[] out = Arrays.copyOf(b, b.length);
        switch (rnd.nextInt(4)) {
            case 0 -> out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
            case 1 -> out = Arrays.copyOf(out, rnd.nextInt(out.length));
            case 2 -> {
                int at = rnd.nextInt(out.length + 1);
                byte[] ins = new byte[1 + rnd.nextInt(8)];
                rnd.nextBytes(ins);
                byte[] n = new byte[out.length + ins.length];
                System.arraycopy(out, 0, n, 0, at);
                System.arraycopy(ins, 0, n, at, ins.length);
                System.arraycopy(out, at, n, at + ins.length, out.length - at);
                out = n;
            }
            default -> {
                String s = new String(out, StandardCharsets.UTF_8);
                String[] swaps = {"1", "2", "\"count\"", "\"index\"", "3", "-1", "1e9", "null", "[", "{}"};
                String from = swaps[rnd.nextInt(swaps.length)];
                out = s.replaceFirst(java.util.regex.Pattern.quote(from), swaps[rnd.nextInt(swaps.length)])
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        return out;
    }
}
