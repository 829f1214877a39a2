package dev.hetplace.planner.cli;

import dev.hetplace.cost.fidelity.FidelityReport;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Profiles;
import dev.hetplace.planner.run.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code place calibrate --platform x86-h200}: how well the calibrated cost models predict the platform's
 * measurements (leave-one-shape-out per slice; whole ResNet-18 against end_to_end.csv).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Report the fidelity of a calibrated platform's cost models against its measurement tables.")
public final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--platform", defaultValue = "x86-h200",
            description = "built-in platform name or profile JSON path (default: ${DEFAULT-VALUE})")
    String platform;

    @Override
    public Integer call() {
        Platform p = Profiles.resolve(platform);
        FidelityReport report = FidelityReport.of(p);
        PrintWriter out = spec.commandLine().getOut();
        report.print(out);
        out.flush();
        return ExitCodes.OK;
    }
}
