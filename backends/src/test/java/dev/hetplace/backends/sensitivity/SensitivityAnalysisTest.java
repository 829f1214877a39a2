package dev.hetplace.backends.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.exec.ExecutionResult;
import dev.hetplace.backends.exec.Executor;
import dev.hetplace.backends.exec.TestGraphs;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SensitivityAnalysisTest {
    private static final Parallel PAR = Parallel.common();

    static CalibratedModel model(Graph g, int samples, long seed, CalibrationMode mode) {
        Graph folded = BatchNormFolding.apply(g);
        GroupedGraph grouped = Grouping.apply(folded);
        return CalibratedModel.prepare(grouped, WeightMode.SYNTHETIC, seed, mode,
                CalibrationInputs.synthetic(folded, samples, seed), PAR);
    }

    /** Seeds 3 and 5: input and weight seeds of the model; each group's figure equals executing it lowered alone. */
    @ParameterizedTest(name = "{0} {1} {2} seed {3}")
    @CsvSource({"resnet, int8, max, 3", "resnet, fp16, max, 3", "resnet, int8, global-scale, 5",
            "squeezenet, int8, max, 5", "squeezenet, bf16, max, 3", "squeezenet, tf32, global-scale, 3"})
    void eachGroupsNoiseEqualsExecutingAPlanThatLowersItAlone(String net, String precision, String calibration,
                                                               long seed) {
        Graph g = net.equals("resnet") ? TestGraphs.smallResnet() : TestGraphs.squeezeNetLike(33, 10);
        CalibratedModel m = model(g, 3, seed, CalibrationMode.parse(calibration));
        Precision p = Precision.parse(precision);
        Sensitivities s = new SensitivityAnalysis(m, PAR).measure(List.of(p), SensitivityProgress.NONE);
        Executor exec = m.executor(PAR);
        GroupedGraph gg = m.grouped();
        List<float[]> ref = new ArrayList<>();
        for (ExecutionResult r : exec.runAll(gg, ExecutionPlan.allCpu(gg, Precision.FP32), m.inputs())) {
            ref.add(r.output(0));
        }
        long positive = 0;
        for (int group = 0; group < gg.size(); group++) {
            ExecutionPlan plan = ExecutionPlan.allCpu(gg, Precision.FP32).with(group,
                    new Choice("cpu", p, Layout.PLAIN));
            List<float[]> lowered = new ArrayList<>();
            for (ExecutionResult r : exec.runAll(gg, plan, m.inputs())) {
                lowered.add(r.output(0));
            }
            long expected = expectedPpb(ref, lowered);
            assertThat(s.noisePpb(group, p)).as("group %d", group).hasValueSatisfying(v ->
                    assertThat(v).isCloseTo(expected, within(1L)));
            positive += expected > 0 ? 1 : 0;
        }
        assertThat(positive).as("groups whose lowering changes the output").isGreaterThan(gg.size() / 2);
    }

    private static long expectedPpb(List<float[]> ref, List<float[]> test) {
        double signal = 0;
        double noise = 0;
        for (int s = 0; s < ref.size(); s++) {
            for (int i = 0; i < ref.get(s).length; i++) {
                double d = (double) ref.get(s)[i] - test.get(s)[i];
                signal += (double) ref.get(s)[i] * ref.get(s)[i];
                noise += d * d;
            }
        }
        return Math.round(noise / signal * 1e9);
    }
}
