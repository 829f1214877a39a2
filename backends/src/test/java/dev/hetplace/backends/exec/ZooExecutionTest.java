package dev.hetplace.backends.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole zoo models executed in fp32 and all-int8 (TVM's global scale) on synthetic weights. */
class ZooExecutionTest {
    private static final Parallel PAR = Parallel.common();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet18", "squeezenet1_1"})
    void allInt8WithGlobalScaleHasAFinitePositiveSqnrAgainstFp32(String model) {
        Graph g = BatchNormFolding.apply(ModelZoo.build(model));
        GroupedGraph grouped = Grouping.apply(g);
        CalibrationInputs in = CalibrationInputs.synthetic(g, 2, 1);
        ModelWeights w = SyntheticWeights.generate(g, 1, in, PAR);
        ActivationScales scales = Calibration.calibrate(g, w, in, CalibrationMode.GLOBAL_SCALE, PAR);
        Executor e = new Executor(w, scales, PAR);
        List<float[]> fp32 = new ArrayList<>();
        List<float[]> int8 = new ArrayList<>();
        for (ExecutionResult r : e.runAll(grouped, ExecutionPlan.allCpu(grouped, Precision.FP32), in)) {
            fp32.add(r.output(0));
        }
        for (ExecutionResult r : e.runAll(grouped, ExecutionPlan.allCpu(grouped, Precision.INT8), in)) {
            int8.add(r.output(0));
            assertThat(r.groups()).hasSize(grouped.size());
        }
        assertThat(fp32.get(0)).hasSize(1000);
        assertThat(fp32.get(0)).doesNotContain(Float.NaN);
        assertThat(Sqnr.db(fp32, int8)).isFinite().isPositive();
    }
}
