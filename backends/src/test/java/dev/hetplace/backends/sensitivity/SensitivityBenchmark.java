package dev.hetplace.backends.sensitivity;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the sensitivity of every ResNet-18 group (synthetic weights, global-scale calibration) on 8 seeded
 * calibration inputs, printing a line per group. Not a unit test: run with
 * {@code java -cp <test and main classes> dev.hetplace.backends.sensitivity.SensitivityBenchmark [inputs] [precisions]}
 * (precisions comma-separated, default {@code int8}).
 */
public final class SensitivityBenchmark {
    private SensitivityBenchmark() {
    }

    public static void main(String[] args) {
        int inputs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        List<Precision> precisions = new ArrayList<>();
        for (String p : (args.length > 1 ? args[1] : "int8").split(",")) {
            precisions.add(Precision.parse(p));
        }
        Graph graph = BatchNormFolding.apply(ModelZoo.build("resnet18"));
        Parallel par = Parallel.common();
        long t0 = System.nanoTime();
        CalibratedModel m = CalibratedModel.prepare(Grouping.apply(graph), WeightMode.SYNTHETIC, 1,
                CalibrationMode.GLOBAL_SCALE, CalibrationInputs.synthetic(graph, inputs, 1), par);
        System.out.printf(Locale.ROOT, "resnet18: %d groups, %s, %d threads; prepared in %.1f s%n",
                m.grouped().size(), m.describe(), par.threads(), (System.nanoTime() - t0) / 1e9);
        new SensitivityAnalysis(m, par).measure(precisions, new SensitivityProgress() {
            @Override
            public void group(int done, int total, Group group, Map<Precision, Long> noisePpb, long elapsedNs) {
                System.out.printf(Locale.ROOT, "  [%2d/%d] %-22s %s  %.1f s%n", done, total, group.name(), noisePpb,
                        elapsedNs / 1e9);
            }

            @Override
            public void finished(long elapsedNs) {
                System.out.printf(Locale.ROOT, "sensitivity of every group at %s on %d inputs: %.1f s%n",
                        precisions, inputs, elapsedNs / 1e9);
            }
        });
    }
}
