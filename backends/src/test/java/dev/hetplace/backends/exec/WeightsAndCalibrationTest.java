package dev.hetplace.backends.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.Weights;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.tensor.TensorType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightsAndCalibrationTest {
    private static final Parallel PAR = Parallel.common();
    private static final Graph RESNET = BatchNormFolding.apply(TestGraphs.smallResnet());

    @Test
    void weightSourcesPrintAsReportsShowThem() {
        assertThat(WeightSource.onnx()).hasToString("onnx");
        assertThat(WeightSource.synthetic(42)).hasToString("synthetic(seed=42)");
        assertThat(WeightMode.parse("onnx")).isEqualTo(WeightMode.ONNX);
        assertThatThrownBy(() -> WeightMode.parse("random"))
                .hasMessage("unknown weights 'random' (known: auto, onnx, synthetic)");
    }

    @Test
    void aWeightlessModelAskedForItsOwnWeightsFails() {
        CalibrationInputs in = CalibrationInputs.synthetic(RESNET, 1, 1);
        assertThatThrownBy(() -> SyntheticWeights.resolve(RESNET, WeightMode.ONNX, 1, in, PAR))
                .isInstanceOf(MissingWeightsException.class).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model 'small-resnet' has no weights (no ONNX initializers); run it with synthetic weights"
                        + " instead");
        assertThat(SyntheticWeights.resolve(RESNET, WeightMode.AUTO, 1, in, PAR).source())
                .isEqualTo(WeightSource.synthetic(1));
    }

    @Test
    void modelWeightsAreUsedWhenPresent() {
        GraphBuilder b = new GraphBuilder("tiny");
        int x = b.input("data", TensorType.fp32(1, 2));
        Graph g = b.build(b.dense("fc", x, 1)).withWeights(new Weights(Map.of("fc",
                Map.of("weight", new float[] {2, -1}, "bias", new float[] {0.5f}))));
        CalibrationInputs in = CalibrationInputs.synthetic(g, 1, 1);
        ModelWeights w = SyntheticWeights.resolve(g, WeightMode.AUTO, 1, in, PAR);
        assertThat(w.source()).isEqualTo(WeightSource.onnx());
        assertThat(Executor.runFp32(g, w, PAR, new float[] {3, 4}).get(0)).containsExactly(2.5f);
        GraphBuilder b2 = new GraphBuilder("tiny2");
        Graph noBias = b2.build(b2.dense("fc2", b2.input("data", TensorType.fp32(1, 2)), 1))
                .withWeights(new Weights(Map.of("fc2", Map.of("weight", new float[] {2, -1}))));
        ModelWeights partial = ModelWeights.fromModel(noBias);
        assertThatThrownBy(() -> Executor.runFp32(noBias, partial, PAR, new float[] {3, 4}))
                .isInstanceOf(MissingWeightsException.class)
                .hasMessage("layer 'fc2' (#1, dense) has no 'bias' tensor in its onnx weights");
    }

    @Test
    void syntheticWeightsAreDeterministicPerSeed() {
        CalibrationInputs in = CalibrationInputs.synthetic(RESNET, 2, 3);
        ModelWeights a = SyntheticWeights.generate(RESNET, 5, in, PAR);
        ModelWeights b = SyntheticWeights.generate(RESNET, 5, in, PAR);
        ModelWeights c = SyntheticWeights.generate(RESNET, 6, in, PAR);
        assertThat(a.weights().get("conv0", "weight")).containsExactly(b.weights().get("conv0", "weight"));
        assertThat(a.weights().get("fc", "bias")).containsExactly(b.weights().get("fc", "bias"));
        assertThat(a.weights().get("conv0", "weight")).isNotEqualTo(c.weights().get("conv0", "weight"));
        assertThat(CalibrationInputs.synthetic(RESNET, 2, 3).sample(1)[0]).containsExactly(in.sample(1)[0]);
    }

    @Test
    void everyConvAndDenseOutputHasUnitVarianceOnTheCalibrationInputs() {
        CalibrationInputs in = CalibrationInputs.synthetic(RESNET, 3, 9);
        ModelWeights w = SyntheticWeights.generate(RESNET, 4, in, PAR);
        Executor e = new Executor(w, ActivationScales.globalScale(RESNET.size()), PAR);
        double[] sum = new double[RESNET.size()];
        double[] sq = new double[RESNET.size()];
        long[] n = new long[RESNET.size()];
        for (float[][] s : in.samples()) {
            e.forEachFp32Layer(RESNET, s, (id, t) -> {
                for (float v : t.data()) {
                    sum[id] += v;
                    sq[id] += (double) v * v;
                }
                n[id] += t.data().length;
            });
        }
        int checked = 0;
        for (Layer l : RESNET.layers()) {
            if (l.op() instanceof Conv2d || l.op() instanceof Dense) {
                double mean = sum[l.id()] / n[l.id()];
                assertThat(sq[l.id()] / n[l.id()] - mean * mean).as(l.name()).isCloseTo(1.0, within(1e-4));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(7);
    }

    @Test
    void globalScaleGivesEveryTensorTheRangeEight() {
        ActivationScales s = Calibration.calibrate(RESNET, null, null, CalibrationMode.GLOBAL_SCALE, PAR);
        assertThat(s.mode()).isEqualTo(CalibrationMode.GLOBAL_SCALE);
        assertThat(s.log2ByLayer()).hasSize(RESNET.size()).containsOnly(-4);
    }

    @Test
    void maxCalibrationRoundsEachTensorsMaximumUpToAPowerOfTwo() {
        GraphBuilder b = new GraphBuilder("relu-scale");
        int x = b.input("data", TensorType.fp32(1, 3));
        int r = b.relu("relu", x);
        Graph g = b.build(r);
        CalibrationInputs in = new CalibrationInputs(java.util.List.of(new float[][] {{-5f, 0.5f, 1.5f}},
                new float[][] {{0.1f, 3f, -0.2f}}), "test");
        ModelWeights none = new ModelWeights(Weights.NONE, WeightSource.synthetic(0));
        ActivationScales s = Calibration.calibrate(g, none, in, CalibrationMode.MAX, PAR);
        // input: max |x| = 5 -> 8 / 128 = 2^-4; relu: max 3 -> 4 / 128 = 2^-5
        assertThat(s.log2ByLayer()).containsExactly(-4, -5);
    }
}
