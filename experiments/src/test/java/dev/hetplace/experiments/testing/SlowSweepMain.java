package dev.hetplace.experiments.testing;

import dev.hetplace.experiments.run.Progress;
import dev.hetplace.experiments.run.Shard;
import dev.hetplace.experiments.run.Sweep;
import dev.hetplace.experiments.spec.SweepSpecReader;
import java.nio.file.Path;

/** A sweep of synthetic runs that each take {@code args[2]} ms, in its own JVM so a test can kill it. */
public final class SlowSweepMain {
    private SlowSweepMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Sweep.run(SweepSpecReader.read(Path.of(args[0])), new Sweep.Options(Path.of(args[1]), false, false, Shard.ALL,
                2), new SyntheticRuns(Long.parseLong(args[2])), Progress.silent(), "test", "abc");
    }
}
