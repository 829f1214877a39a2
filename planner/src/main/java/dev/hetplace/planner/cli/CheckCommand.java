package dev.hetplace.planner.cli;

import dev.hetplace.planner.run.ErrorLine;
import dev.hetplace.planner.run.ExitCodes;
import dev.hetplace.planner.check.PlanCheck;
import dev.hetplace.planner.check.PlanCheckResult;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code place check --plan plan.json}: re-reads a plan and recomputes its cost from today's cost models. A
 * recorded total that differs from the recomputed one prints both, flagged MISMATCH, and exits 2: the plan no
 * longer describes what the tool computes (it was edited, or the cost models changed).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Re-read a plan written by `place --format json` and recompute its cost.")
public final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--plan", required = true, description = "plan JSON file")
    Path plan;

    @Override
    public Integer call() {
        PlanCheckResult r = PlanCheck.check(plan);
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %s on %s, %d groups%n", plan, r.model(), r.platform(), r.groups());
        out.printf(Locale.ROOT, "recorded  %12.3f ms%nrecomputed %11.3f ms (%s)%n", r.recordedNs() / 1e6,
                r.recomputedNs() / 1e6, r.recordedNs() == r.recomputedNs() ? "identical"
                        : r.recordedNs() == 0 ? "MISMATCH" : String.format(Locale.ROOT, "MISMATCH %+.2f%%",
                        100.0 * (r.recomputedNs() - r.recordedNs()) / r.recordedNs()));
        if (r.violation() != null) {
            out.println("the plan breaks a constraint now: " + r.violation());
        }
        out.flush();
        if (r.recordedNs() != r.recomputedNs()) {
            spec.commandLine().getErr().println(ErrorLine.of("place", String.format(Locale.ROOT,
                    "%s: plan.totals.totalNs %d does not match the recomputed %d ns: the file was edited or the cost"
                    + " models changed since it was written (re-plan to refresh it)", plan, r.recordedNs(),
                    r.recomputedNs())));
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }
}
