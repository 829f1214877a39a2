package dev.hetplace.experiments.cli;

import dev.hetplace.experiments.report.SweepReport;
import dev.hetplace.planner.run.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sweep report DIR}: writes DIR/report.md with its tables and DIR/figures (PNG and SVG). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes DIR/report.md with tables and figures (PNG and SVG under DIR/figures).")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "results directory of a sweep")
    Path dir;

    @CommandLine.Option(names = "--no-svg", description = "write the figures as PNG only (smaller, e.g. to commit)")
    boolean noSvg;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        Path written = SweepReport.write(dir, !noSvg, SweepFlags.REPORT);
        spec.commandLine().getOut().println("sweep report: wrote " + written);
        return ExitCodes.OK;
    }
}
