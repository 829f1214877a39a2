package dev.hetplace.experiments.cli;

import dev.hetplace.experiments.run.ResultMerge;
import dev.hetplace.planner.run.ExitCodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sweep merge DIR... --out DIR}: joins the results of sweep slices, one row per run. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Joins results directories (e.g. the shards of one sweep) into one, deduplicated by run hash; "
                + "a directory holding shard-*-of-* directories stands for them.")
final class MergeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "results directories to join, or the --out of a "
            + "sharded sweep (its shard-*-of-* directories)")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory the joined results go to")
    Path out;

    @Override
    public Integer call() {
        ResultMerge.Summary s = ResultMerge.merge(inputs, out);
        if (s.dropped() > 0) {
            spec.commandLine().getErr().println("sweep: dropped " + s.dropped()
                    + " unreadable line(s) of the inputs (left in place)");
        }
        spec.commandLine().getOut().println("sweep merge: " + s.added() + " rows from " + s.directories()
                + " directories added to " + out + " (" + s.duplicates() + " already there or duplicated)");
        return ExitCodes.OK;
    }
}
