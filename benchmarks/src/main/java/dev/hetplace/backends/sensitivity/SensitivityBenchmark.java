package dev.hetplace.backends.sensitivity;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.benchmarks.ShortRuns;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sensitivity of every ResNet-18 group (synthetic weights, global-scale calibration) on {@code inputs} seeded
 * calibration inputs at {@code precisions} (comma-separated), on {@link Parallel#common()}; the disk cache is not
 * involved. Seconds per measurement, so one shot per iteration.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class SensitivityBenchmark extends ShortRuns {
    @Param("8")
    public int inputs;

    @Param("int8")
    public String precisions;

    private SensitivityAnalysis analysis;
    private List<Precision> lowered;

    @Setup
    public void setUp() {
        Graph graph = BatchNormFolding.apply(ModelZoo.build("resnet18"));
        Parallel par = Parallel.common();
        CalibratedModel model = CalibratedModel.prepare(Grouping.apply(graph), WeightMode.SYNTHETIC, 1,
                CalibrationMode.GLOBAL_SCALE, CalibrationInputs.synthetic(graph, inputs, 1), par);
        analysis = new SensitivityAnalysis(model, par);
        lowered = Arrays.stream(precisions.split(",")).map(Precision::parse).toList();
    }

    @Benchmark
    public Sensitivities allGroups() {
        return analysis.measure(lowered, SensitivityProgress.NONE);
    }
}
