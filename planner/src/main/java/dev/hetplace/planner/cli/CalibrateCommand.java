package dev.hetplace.planner.cli;

import dev.hetplace.backends.cache.HetplaceCache;
import dev.hetplace.backends.measure.EndToEndMeasurement;
import dev.hetplace.cost.fidelity.FidelityReport;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Profiles;
import dev.hetplace.planner.fidelity.HostWholeModels;
import dev.hetplace.planner.run.ExitCodes;
import dev.hetplace.planner.run.HostPlatform;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code place calibrate --platform x86-h200}: how well the calibrated cost models predict the platform's
 * measurements (leave-one-shape-out per slice; whole models against end_to_end.csv). {@code --platform host}: the
 * same per shape for the latest table {@code place measure} left in the cache, and its whole-model rows against the
 * plans {@code place --platform host} prices ({@link HostWholeModels}).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Report the fidelity of a calibrated platform's cost models against its measurement tables.")
public final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--platform", defaultValue = "x86-h200",
            description = "built-in platform name (host: the latest `place measure` table in the cache) or profile"
                    + " JSON path (default: ${DEFAULT-VALUE})")
    String platform;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (platform.equals(Profiles.HOST)) {
            Path table = HostPlatform.latestTable(HetplaceCache.fromEnvironment());
            Platform host = Profiles.withOverrides(HostPlatform.json(table), Profiles.HOST, Map.of());
            HostWholeModels whole = HostWholeModels.of(host, table.toString());
            FidelityReport.of(host).printShapes(out);
            out.println();
            out.println("Whole models against " + table + " (the table --platform host is calibrated against;"
                    + " whole-model rows as `place measure --runtime onnxruntime` times them, unprofiled): each row's"
                    + " plan (fp32: all-fp32; int8: all-int8, QDQ everywhere; " + EndToEndMeasurement.INT8_STEM_DENSE_FP32
                    + ": TVM's rule on a CPU, the first conv and every dense fp32) priced as `place --platform host`"
                    + " prices it, and with an in-model factor per thread count fitted to these rows (all rows;"
                    + " leave-one-row-out: fitted without the row)");
            if (whole.rows().isEmpty()) {
                out.println("  " + table + " has no whole-model rows (op model): `place measure --runtime"
                        + " onnxruntime` writes them; tables of --runtime java, and older ones, hold none");
            }
            whole.print(out);
        } else {
            FidelityReport.of(Profiles.resolve(platform)).print(out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
