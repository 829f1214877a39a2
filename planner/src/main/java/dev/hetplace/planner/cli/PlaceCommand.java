package dev.hetplace.planner.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code place}: decides where every group of a model runs; its subcommands inspect models, costs and plans. */
@Command(name = "place", mixinStandardHelpOptions = true, version = "hetplace 0.1.0",
        description = "Per-layer device and precision placement of a neural network.",
        subcommands = {ModelsCommand.class, InspectCommand.class, PlatformsCommand.class})
public final class PlaceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; bad input becomes one line on err and exit code 2. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new PlaceCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            int code = ExitCodes.of(ex);
            if (code == ExitCodes.INTERNAL) {
                throw ex;
            }
            err.println("place: " + ex.getMessage());
            return code;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("place: " + ex.getMessage());
            return ExitCodes.USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
