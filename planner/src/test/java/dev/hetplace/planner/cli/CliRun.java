package dev.hetplace.planner.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of {@code place} with captured streams. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PlaceCommand.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
