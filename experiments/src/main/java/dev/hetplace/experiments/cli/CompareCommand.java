package dev.hetplace.experiments.cli;

import dev.hetplace.experiments.run.ResultComparison;
import dev.hetplace.experiments.run.ResultFile;
import dev.hetplace.experiments.run.ResultStore;
import dev.hetplace.experiments.run.RunRow;
import dev.hetplace.planner.run.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sweep compare A B}: whether every run of B is in A with the same plan (timings not compared). */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Checks that every run of DIR_B is in DIR_A with the same status, error and plan (objective, "
                + "bound, SQNR, baselines, every group's choice; timings are not compared). Exit 0: they agree; "
                + "1: a run differs or is missing from DIR_A.")
final class CompareCommand implements Callable<Integer> {
    static final int DIFFERENT = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR_A", description = "results directory (e.g. a merged sharded sweep)")
    Path left;

    @Parameters(index = "1", paramLabel = "DIR_B", description = "results directory (e.g. the same runs unsharded)")
    Path right;

    @Override
    public Integer call() {
        ResultComparison.Result r = ResultComparison.compare(rows(left), rows(right));
        PrintWriter out = spec.commandLine().getOut();
        out.println("sweep compare: " + r.common() + " runs in both, " + r.differences().size() + " differ, "
                + r.onlyLeft() + " only in " + left + ", " + r.onlyRight() + " only in " + right);
        for (ResultComparison.Difference d : r.differences().subList(0, Math.min(10, r.differences().size()))) {
            out.println("  run " + d.index() + " (" + d.hash().substring(0, 12) + "): " + d.field() + " "
                    + clip(d.left()) + " vs " + clip(d.right()));
        }
        return r.differences().isEmpty() && r.onlyRight() == 0 ? ExitCodes.OK : DIFFERENT;
    }

    private static List<RunRow> rows(Path dir) {
        Path jsonl = dir.resolve(ResultStore.JSONL);
        if (!ResultFile.exists(jsonl)) {
            throw new IllegalArgumentException(dir + ": no " + ResultStore.JSONL + " (not a sweep results directory)");
        }
        return ResultFile.read(jsonl).rows();
    }

    private static String clip(String s) {
        return s == null ? "null" : s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
