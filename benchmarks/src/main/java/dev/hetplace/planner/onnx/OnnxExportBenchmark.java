package dev.hetplace.planner.onnx;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.ModelWeights;
import dev.hetplace.backends.exec.SyntheticWeights;
import dev.hetplace.backends.exec.WeightScaleStore;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.benchmarks.ShortRuns;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.run.ModelInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The two halves of {@code --export onnx} on a model with synthetic weights, on {@link Parallel#common()}: drawing
 * the weights (normalizing factors already known, as from the cache) and exporting an all-int8 plan of {@code
 * model} (quantizing, building the protos, writing the file to a temporary directory).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OnnxExportBenchmark extends ShortRuns {
    @Param("resnet50")
    public String model;

    private CalibratedModel calibrated;
    private ExecutionPlan int8;
    private WeightScaleStore factors;
    private Path dir;

    @Setup
    public void setUp() throws IOException {
        ModelInput m = ModelInput.load(model);
        CalibrationInputs inputs = CalibrationInputs.synthetic(m.graph(), 1, CalibratedModel.DEFAULT_SEED);
        AtomicReference<Map<String, Float>> measured = new AtomicReference<>();
        WeightScaleStore keep = new WeightScaleStore() {
            @Override
            public Optional<Map<String, Float>> load() {
                return Optional.ofNullable(measured.get());
            }

            @Override
            public void save(Map<String, Float> f) {
                measured.set(f);
            }
        };
        SyntheticWeights.generate(m.graph(), CalibratedModel.DEFAULT_SEED, inputs, Parallel.common(), keep);
        factors = keep;
        calibrated = CalibratedModel.prepare(m.grouped(), WeightMode.SYNTHETIC, CalibratedModel.DEFAULT_SEED,
                CalibrationMode.GLOBAL_SCALE, inputs, Parallel.common());
        int8 = ExecutionPlan.allCpu(m.grouped(), Precision.INT8);
        dir = Files.createTempDirectory("hetplace-export-bench");
    }

    @Benchmark
    public ModelWeights drawWeights() {
        return SyntheticWeights.generate(calibrated.graph(), CalibratedModel.DEFAULT_SEED, calibrated.inputs(),
                Parallel.common(), factors);
    }

    @Benchmark
    public List<Path> exportInt8() {
        return OnnxFiles.write(dir.resolve("plan.onnx"), PlanExport.of(calibrated, int8, "benchmark"));
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir.resolve("plan.onnx"));
        Files.deleteIfExists(dir);
    }
}
