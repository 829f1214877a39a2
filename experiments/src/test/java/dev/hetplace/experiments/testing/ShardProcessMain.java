package dev.hetplace.experiments.testing;

import dev.hetplace.experiments.cli.SweepCommand;
import dev.hetplace.experiments.run.Outcome;
import dev.hetplace.experiments.run.PlannerRuns;
import dev.hetplace.experiments.run.RunFunction;
import dev.hetplace.experiments.spec.RunSpec;
import java.io.PrintWriter;

/**
 * The sweep command line as {@code bin/sweep} runs it (real planner, the process environment for the job index),
 * each run held back {@code -Dsweep.test.delayMs} ms so a test can kill the process while it works.
 */
public final class ShardProcessMain {
    private ShardProcessMain() {
    }

    public static void main(String[] args) {
        long delay = Long.getLong("sweep.test.delayMs", 0);
        PlannerRuns planner = new PlannerRuns();
        RunFunction slowed = new RunFunction() {
            @Override
            public Outcome apply(RunSpec run) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return planner.apply(run);
            }

            @Override
            public Object affinity(RunSpec run) {
                return planner.affinity(run);
            }
        };
        System.exit(SweepCommand.run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                () -> slowed, System.getenv()));
    }
}
