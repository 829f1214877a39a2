package dev.hetplace.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.experiments.testing.Specs;
import dev.hetplace.experiments.testing.SyntheticRuns;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines {@code sweep} prints where the run layer refuses by naming one of the sweep command's own options: the run
 * layer names the option, the command spells it as its flag. Pinned byte for byte.
 */
class SweepOptionWordingTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private String refused(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(SweepCommand.run(args, new PrintWriter(out), new PrintWriter(err), SyntheticRuns::new))
                .as(String.join(" ", args)).isEqualTo(2);
        return err.toString().trim();
    }

    @Test
    void shardsThatAreNotISlashNAreRefusedNamingTheFlag(@TempDir Path tmp) {
        String spec = Specs.write(tmp, "tiny.json", Specs.TWENTY_FOUR).toString();
        String o = tmp.resolve("o").toString();
        assertThat(refused("run", spec, "--out", o, "--shard", "3")).isEqualTo(
                "sweep: --shard must be i/n (e.g. 0/4), got '3'");
        assertThat(refused("run", spec, "--out", o, "--shard", "a/b")).isEqualTo(
                "sweep: --shard must be i/n with integers (e.g. 0/4), got 'a/b'");
        assertThat(refused("run", spec, "--out", o, "--shard", "2/2")).isEqualTo(
                "sweep: --shard must be i/n with 0 <= i < n, got 2/2");
        assertThat(refused("run", spec, "--out", o, "--threads", "0")).isEqualTo(
                "sweep: --threads must be at least 1, got 0");
    }

    @Test
    void aDirectoryOfAnotherSweepOrWithResultsIsRefusedNamingTheFlags(@TempDir Path tmp) {
        String spec = Specs.write(tmp, "tiny.json", Specs.TWENTY_FOUR).toString();
        String other = Specs.write(tmp, "other.json", Specs.TWENTY_FOUR.replace("[0, 1]", "[0, 2]")).toString();
        Path o = tmp.resolve("o");
        assertThat(SweepCommand.run(new String[] {"run", spec, "--out", o.toString()}, new PrintWriter(out),
                new PrintWriter(err), SyntheticRuns::new)).isZero();
        assertThat(refused("run", spec, "--out", o.toString())).isEqualTo("sweep: " + o + " already holds 24 results: "
                + "pass --resume to continue that sweep, or choose an empty --out directory");
        assertThat(refused("run", other, "--out", o.toString(), "--resume")).isEqualTo("sweep: "
                + o.resolve("spec.json") + " is not the spec of " + other + ": its 'seeds' differs; the directory "
                + "belongs to another sweep: choose another --out");
        Path sharded = tmp.resolve("s");
        assertThat(SweepCommand.run(new String[] {"run", spec, "--out", sharded.toString(), "--shard", "1/3"},
                new PrintWriter(out), new PrintWriter(err), SyntheticRuns::new)).isZero();
        Path one = sharded.resolve("shard-0001-of-0003");
        assertThat(refused("run", spec, "--out", one.toString(), "--resume")).isEqualTo("sweep: " + one
                + ": holds shard 1/3 of its sweep, not every run (no shard) (two shards cannot write one directory); "
                + "give each shard its own --out");
        assertThat(refused("merge", o.toString(), "--out", o.toString())).isEqualTo("sweep: " + o
                + ": an input cannot also be the --out directory");
    }
}
