package dev.hetplace.experiments.cli;

import dev.hetplace.experiments.run.PlannerRuns;
import dev.hetplace.experiments.run.RunFunction;
import dev.hetplace.planner.provenance.BuildInfo;
import dev.hetplace.planner.run.ErrorLine;
import dev.hetplace.planner.run.ExitCodes;
import dev.hetplace.planner.setting.SettingException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code sweep}: runs placements by the hundred from a spec, merges slices, and reports on the results. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = BuildInfo.VersionLine.class,
        description = "Runs placement sweeps over models, platforms and settings; merges and reports on them.",
        subcommands = {RunCommand.class, MergeCommand.class, CompareCommand.class, ReportCommand.class})
public final class SweepCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<RunFunction> runs;
    private final Map<String, String> environment;

    public SweepCommand() {
        this(PlannerRuns::new, System.getenv());
    }

    SweepCommand(Supplier<RunFunction> runs, Map<String, String> environment) {
        this.runs = runs;
        this.environment = environment;
    }

    RunFunction runFunction() {
        return runs.get();
    }

    /** The process environment (where a job engine's task index is read from). */
    Map<String, String> environment() {
        return environment;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), PlannerRuns::new));
    }

    /** Runs the command line with the given streams and run function; bad input is one line on err, exit 2. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Supplier<RunFunction> runs) {
        return run(args, out, err, runs, System.getenv());
    }

    /** As above, reading a job engine's task index from {@code environment}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Supplier<RunFunction> runs,
                          Map<String, String> environment) {
        CommandLine cl = new CommandLine(new SweepCommand(runs, environment));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            int code = ExitCodes.of(ex);
            if (code == ExitCodes.INTERNAL) {
                return ErrorLine.internal("sweep", ex, err);
            }
            err.println(ErrorLine.of("sweep", SettingException.message(ex, SweepFlags.ERRORS)));
            return ExitCodes.USAGE;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(ErrorLine.of("sweep", ex.getMessage()));
            return ExitCodes.USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
